package io.stow.gitlab;

import java.util.Objects;

/** A GitLab user; {@code state} is GitLab's word: {@code active}, {@code blocked}, ... */
public record User(long id, String username, String state) {

  public User {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(state, "state");
  }

  /** Whether GitLab lists the user as active (only active users can be assigned). */
  public boolean active() {
    return state.equals("active");
  }
}
