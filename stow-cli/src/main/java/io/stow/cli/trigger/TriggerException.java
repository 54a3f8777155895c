package io.stow.cli.trigger;

/**
 * Talking to the daemon failed: the message says what was sent where, what came back, and what to
 * do. It never holds the token.
 */
public final class TriggerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final boolean transientFailure;

  /**
   * @param transientFailure whether trying again later may succeed (no connection, 429, 5xx), as
   *     opposed to a refusal that repeats (TLS, 4xx, a wrong URL)
   */
  public TriggerException(String message, boolean transientFailure) {
    super(message);
    this.transientFailure = transientFailure;
  }

  public TriggerException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transientFailure = transientFailure;
  }

  /** Whether trying again later may succeed. */
  public boolean transientFailure() {
    return transientFailure;
  }
}
