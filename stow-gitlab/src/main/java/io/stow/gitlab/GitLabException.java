package io.stow.gitlab;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * GitLab refused a request or could not be reached. The message names the method and endpoint (with
 * the project path, never a token), the HTTP status, GitLab's own message, and what to do.
 */
public class GitLabException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String method;
  private final String endpoint;
  private final int status;
  private final String gitLabMessage;

  /**
   * @param status the HTTP status, or 0 when no response arrived
   * @param gitLabMessage GitLab's message from the response body, or a description of the failure
   */
  public GitLabException(
      String method, String endpoint, int status, String gitLabMessage, Throwable cause) {
    super(format(method, endpoint, status, gitLabMessage), cause);
    this.method = Objects.requireNonNull(method, "method");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.status = status;
    this.gitLabMessage = Objects.requireNonNull(gitLabMessage, "gitLabMessage");
  }

  public String method() {
    return method;
  }

  /** The endpoint as shown to people: path (project by its path) and query. */
  public String endpoint() {
    return endpoint;
  }

  /** The HTTP status, empty when the request failed before a response arrived. */
  public OptionalInt status() {
    return status == 0 ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** GitLab's message ({@code message}, {@code error} or {@code error_description}). */
  public String gitLabMessage() {
    return gitLabMessage;
  }

  /** Whether GitLab answered with this status. */
  public boolean is(int code) {
    return status == code;
  }

  private static String format(String method, String endpoint, int status, String message) {
    StringBuilder text = new StringBuilder("GitLab ").append(method).append(' ').append(endpoint);
    if (status == 0) {
      text.append(" failed: ").append(message);
    } else {
      text.append(" answered ").append(status);
      if (!message.isBlank()) {
        text.append(": ").append(message);
      }
    }
    // a refused handshake carries its own advice (which CA to trust): retrying will not help
    String advice = status == 0 && message.startsWith(Transport.TLS_FAILED) ? "" : advice(status);
    if (!advice.isEmpty()) {
      text.append("; ").append(advice);
    }
    return text.toString();
  }

  private static String advice(int status) {
    return switch (status) {
      case 0 -> "check the GitLab API URL and the network, then retry";
      case 401 ->
          "the token is invalid or expired; create a new project access token with the api"
              + " scope and set GITLAB_ACCESS_TOKEN to it";
      case 403 ->
          "the token lacks the api scope or access to the project; use a project access"
              + " token with the api scope and at least the Developer role";
      case 404 ->
          "project/branch/file not found or the token cannot see it; check the project"
              + " path, branch and file, and that the token's user is a member of the project";
      case 429 -> "GitLab's rate limit is used up; retry later";
      default -> status >= 500 ? "GitLab failed on its side; retry later" : "";
    };
  }
}
