package io.stow.cli.systemd;

/** Installing the unit failed: the message says which step, what it answered and what to do. */
public final class SystemdException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SystemdException(String message) {
    super(message);
  }

  public SystemdException(String message, Throwable cause) {
    super(message, cause);
  }
}
