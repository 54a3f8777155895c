package io.stow.engine.source;

/**
 * A desired-state source could not deliver a safe deployment folder. The message names the source
 * and the offending path and says what to do.
 */
public class SourceException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SourceException(String message) {
    super(message);
  }

  public SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
