package io.stow.engine.suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One way to pick the merge request's assignee, tried in order: the pipeline's user ({@code
 * gitlab_user_id}, from {@code GITLAB_USER_ID}), a user id ({@code id:<n>}) or a username ({@code
 * user:<name>}).
 */
public sealed interface AssignAttempt {

  /** The user who runs the pipeline ({@code GITLAB_USER_ID}). */
  record PipelineUser() implements AssignAttempt {}

  /** A user by numeric id. */
  record ById(long id) implements AssignAttempt {
    public ById {
      if (id <= 0) {
        throw new IllegalArgumentException("--assign id:<n> needs a positive user id: " + id);
      }
    }
  }

  /** A user by username. */
  record ByUsername(String username) implements AssignAttempt {
    public ByUsername {
      Objects.requireNonNull(username, "username");
      if (username.isBlank()) {
        throw new IllegalArgumentException("--assign user:<name> needs a username");
      }
    }
  }

  /**
   * Parses {@code gitlab_user_id,id:146,user:some.name}.
   *
   * @throws IllegalArgumentException naming the item that is not one of the three forms
   */
  static List<AssignAttempt> parseList(String text) {
    List<AssignAttempt> attempts = new ArrayList<>();
    for (String raw : text.split(",", -1)) {
      String item = raw.strip();
      if (item.isEmpty()) {
        continue;
      }
      if (item.equals("gitlab_user_id")) {
        attempts.add(new PipelineUser());
      } else if (item.startsWith("id:")) {
        String id = item.substring(3).strip();
        if (!id.matches("[0-9]{1,18}")) {
          throw new IllegalArgumentException("--assign " + item + ": the id must be a number");
        }
        attempts.add(new ById(Long.parseLong(id)));
      } else if (item.startsWith("user:")) {
        attempts.add(new ByUsername(item.substring(5).strip()));
      } else {
        throw new IllegalArgumentException(
            "--assign '" + item + "' is not gitlab_user_id, id:<n> or user:<name>");
      }
    }
    return attempts;
  }
}
