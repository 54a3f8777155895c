package io.stow.engine.suggest;

import io.stow.gitlab.GitLabApi;
import io.stow.gitlab.User;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The assign attempts as a sequence of active users, resolved one at a time: an attempt whose user
 * is unknown, not active, or whose {@code GITLAB_USER_ID} is unset is skipped with a warning.
 */
final class Assignees {

  private final GitLabApi gitlab;
  private final Iterator<AssignAttempt> attempts;
  private final Optional<String> pipelineUserId;
  private final Notes notes;
  private final boolean requested;

  Assignees(
      GitLabApi gitlab,
      List<AssignAttempt> attempts,
      Optional<String> pipelineUserId,
      Notes notes) {
    this.gitlab = gitlab;
    this.attempts = attempts.iterator();
    this.requested = !attempts.isEmpty();
    this.pipelineUserId = pipelineUserId;
    this.notes = notes;
  }

  /** Whether any assign attempt was given. */
  boolean requested() {
    return requested;
  }

  /** The next active user to try, or empty when the attempts are used up. */
  Optional<User> next() {
    while (attempts.hasNext()) {
      Optional<User> user = resolve(attempts.next());
      if (user.isPresent()) {
        return user;
      }
    }
    return Optional.empty();
  }

  private Optional<User> resolve(AssignAttempt attempt) {
    Optional<User> found;
    String what;
    if (attempt instanceof AssignAttempt.PipelineUser) {
      Optional<String> id = pipelineUserId.map(String::strip).filter(s -> !s.isEmpty());
      if (id.isEmpty() || !id.get().matches("[0-9]{1,18}")) {
        notes.warning(
            "--assign gitlab_user_id: GITLAB_USER_ID is "
                + (id.isEmpty() ? "not set" : "not a number")
                + "; trying the next attempt");
        return Optional.empty();
      }
      what = "user " + id.get() + " (GITLAB_USER_ID)";
      found = gitlab.findUser(Long.parseLong(id.get()));
    } else if (attempt instanceof AssignAttempt.ById byId) {
      what = "user " + byId.id();
      found = gitlab.findUser(byId.id());
    } else {
      String name = ((AssignAttempt.ByUsername) attempt).username();
      what = "user " + name;
      found = gitlab.findUser(name);
    }
    if (found.isEmpty()) {
      notes.warning("--assign: GitLab knows no " + what + "; trying the next attempt");
      return Optional.empty();
    }
    if (!found.get().active()) {
      notes.warning(
          "--assign: "
              + what
              + " is "
              + found.get().state()
              + ", not active; trying the next attempt");
      return Optional.empty();
    }
    return found;
  }
}
