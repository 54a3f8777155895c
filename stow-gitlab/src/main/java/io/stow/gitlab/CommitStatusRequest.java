package io.stow.gitlab;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A commit status to set through {@code POST /projects/:id/statuses/:sha}: its state, its name (one
 * status per name and commit), and what GitLab shows beside it.
 *
 * @param ref the branch the status refers to; GitLab picks one when empty
 * @param targetUrl where the status links to
 * @param description a short text next to the state
 */
public record CommitStatusRequest(
    State state,
    String name,
    Optional<String> ref,
    Optional<String> targetUrl,
    Optional<String> description) {

  /** GitLab's states for an external commit status. */
  public enum State {
    PENDING,
    RUNNING,
    SUCCESS,
    FAILED,
    CANCELED;

    /** {@code running}, as GitLab writes it. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public CommitStatusRequest {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a commit status needs a name");
    }
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(targetUrl, "targetUrl");
    Objects.requireNonNull(description, "description");
  }
}
