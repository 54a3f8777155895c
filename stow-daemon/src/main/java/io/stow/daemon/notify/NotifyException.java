package io.stow.daemon.notify;

/**
 * A notification target cannot be used: its token file is missing, not a regular file, too large or
 * malformed. The message names the target and the file and never quotes the file.
 */
public final class NotifyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public NotifyException(String message) {
    super(message);
  }

  public NotifyException(String message, Throwable cause) {
    super(message, cause);
  }
}
