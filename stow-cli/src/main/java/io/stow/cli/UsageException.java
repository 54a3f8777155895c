package io.stow.cli;

/** The command line is wrong: the message says how, and the usage is printed (exit 2). */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
