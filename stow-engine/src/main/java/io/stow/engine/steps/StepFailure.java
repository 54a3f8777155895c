package io.stow.engine.steps;

/**
 * A step failed for a reason the operator can act on; the message says what, where and what to do
 * and never holds a secret value. Internal: the runner turns it into a {@link ReconcileException}.
 */
final class StepFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  StepFailure(String message) {
    super(message);
  }

  StepFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
