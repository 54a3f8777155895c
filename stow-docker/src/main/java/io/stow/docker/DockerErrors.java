package io.stow.docker;

import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what docker-java throws into a {@link DockerOperationException} that says what failed and
 * what to check. Messages carry Docker's own words, never environment values.
 */
final class DockerErrors {

  private static final Pattern JSON_MESSAGE =
      Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final String dockerHost;

  DockerErrors(String dockerHost) {
    this.dockerHost = dockerHost;
  }

  /** An exception for a failed call; {@code hint} says what to check when Docker refused it. */
  DockerOperationException translate(
      String operation, String subject, RuntimeException error, String hint) {
    if (isConnectionFailure(error)) {
      return new EngineUnreachableException(operation, subject, unreachable(error), error);
    }
    String detail = dockerMessage(error);
    String message = hint.isEmpty() ? detail : detail + "; " + hint;
    return new DockerOperationException(operation, subject, message, error);
  }

  DockerOperationException translate(String operation, String subject, RuntimeException error) {
    return translate(operation, subject, error, "");
  }

  String unreachable(Throwable error) {
    return "cannot reach the Docker engine at DOCKER_HOST="
        + dockerHost
        + " ("
        + rootMessage(error)
        + "); is the Docker engine running? Start it (systemctl start docker) or point"
        + " DOCKER_HOST at a running engine";
  }

  /** Docker's own message: the {@code message} of its JSON error body when there is one. */
  static String dockerMessage(Throwable error) {
    String text =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    Matcher m = JSON_MESSAGE.matcher(text);
    if (m.find()) {
      text = m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    } else {
      text = text.replaceFirst("^Status \\d+: ", "");
    }
    String prefix = "";
    if (error instanceof DockerException de && de.getHttpStatus() > 0) {
      prefix = "Docker answered " + de.getHttpStatus() + ": ";
    } else if (error instanceof DockerClientException) {
      prefix = "Docker client: ";
    }
    return prefix + text.strip();
  }

  static boolean isConnectionFailure(Throwable error) {
    if (error instanceof DockerException) {
      return false;
    }
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
