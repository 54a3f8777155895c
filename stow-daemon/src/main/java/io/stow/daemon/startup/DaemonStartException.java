package io.stow.daemon.startup;

/**
 * The daemon refuses to start: its configuration directory is not locked down, its TLS files cannot
 * be used, or it would serve plain HTTP beyond this machine. The message says what is wrong, where,
 * and the command or setting that fixes it; it never quotes a configuration value.
 */
public final class DaemonStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DaemonStartException(String message) {
    super(message);
  }

  public DaemonStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
