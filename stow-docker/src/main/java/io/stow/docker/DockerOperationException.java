package io.stow.docker;

import java.util.Objects;

/**
 * A Docker operation failed. The message names the operation and the container or image, and says
 * what to check.
 */
public class DockerOperationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String operation;
  private final String subject;

  public DockerOperationException(
      String operation, String subject, String message, Throwable cause) {
    super(operation + " " + subject + ": " + message, cause);
    this.operation = Objects.requireNonNull(operation, "operation");
    this.subject = Objects.requireNonNull(subject, "subject");
  }

  public DockerOperationException(String operation, String subject, String message) {
    this(operation, subject, message, null);
  }

  /** The operation, e.g. {@code pull} or {@code stop}. */
  public String operation() {
    return operation;
  }

  /** The container name or id, image, or network the operation was about. */
  public String subject() {
    return subject;
  }
}
