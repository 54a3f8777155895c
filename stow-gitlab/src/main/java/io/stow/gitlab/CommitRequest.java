package io.stow.gitlab;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A commit to make through {@code POST /projects/:id/repository/commits}.
 *
 * <p>With {@code force} and a {@code startSha}, GitLab points {@code branch} at a new commit whose
 * parent is {@code startSha}, whatever the branch held before: the request is idempotent, so the
 * client may retry it.
 */
public record CommitRequest(
    String branch,
    Optional<String> startSha,
    boolean force,
    String message,
    List<CommitAction> actions) {

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  public CommitRequest {
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(startSha, "startSha");
    Objects.requireNonNull(message, "message");
    actions = List.copyOf(actions);
    if (branch.isBlank()) {
      throw new IllegalArgumentException("branch must not be blank");
    }
    startSha.ifPresent(
        sha -> {
          if (!SHA.matcher(sha).matches()) {
            throw new IllegalArgumentException("startSha must be a full lower-case sha: " + sha);
          }
        });
    if (actions.isEmpty()) {
      throw new IllegalArgumentException("a commit needs at least one action");
    }
  }

  /** A forced commit on {@code branch} whose parent is {@code startSha}. */
  public static CommitRequest forced(
      String branch, String startSha, String message, List<CommitAction> actions) {
    return new CommitRequest(branch, Optional.of(startSha), true, message, actions);
  }

  /** Whether sending it twice has the same effect as sending it once. */
  public boolean idempotent() {
    return force && startSha.isPresent();
  }
}
