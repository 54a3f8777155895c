package io.stow.engine.suggest;

/**
 * suggest-image cannot go on: the message says what, where and what to do. Thrown before any write
 * unless it says otherwise.
 */
public class SuggestImageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SuggestImageException(String message) {
    super(message);
  }

  public SuggestImageException(String message, Throwable cause) {
    super(message, cause);
  }
}
