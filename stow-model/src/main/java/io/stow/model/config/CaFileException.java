package io.stow.model.config;

/**
 * A CA certificate file stow cannot use: what is wrong with it and, when known, how to fix it. The
 * message does not name the file; the caller says which key or option named it.
 */
public final class CaFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CaFileException(String message) {
    super(message);
  }
}
