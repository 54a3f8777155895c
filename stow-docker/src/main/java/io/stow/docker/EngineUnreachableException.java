package io.stow.docker;

/**
 * The Docker engine did not answer at all (not running, restarting, wrong {@code DOCKER_HOST}), as
 * opposed to refusing an operation. A caller may wait for it to come back before it tries again.
 */
public class EngineUnreachableException extends DockerOperationException {

  private static final long serialVersionUID = 1L;

  public EngineUnreachableException(
      String operation, String subject, String message, Throwable cause) {
    super(operation, subject, message, cause);
  }
}
