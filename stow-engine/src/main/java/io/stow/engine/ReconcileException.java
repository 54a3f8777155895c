package io.stow.engine;

import java.util.Objects;

/**
 * A reconcile failed. The message says what failed, where, and what to do; {@link #report()}
 * carries everything that was reached, and {@link #status()} tells whether the host was left
 * untouched, rolled back, or needs an operator.
 */
public class ReconcileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ReconcileReport report;

  public ReconcileException(String message, ReconcileReport report, Throwable cause) {
    super(message, cause);
    this.report = Objects.requireNonNull(report, "report");
  }

  /** The partial report. */
  public ReconcileReport report() {
    return report;
  }

  public ReconcileStatus status() {
    return report.status();
  }
}
