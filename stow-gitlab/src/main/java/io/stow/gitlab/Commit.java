package io.stow.gitlab;

import java.util.List;
import java.util.Objects;

/** A commit: its full sha, its parents' shas (oldest parent first) and its title line. */
public record Commit(String id, List<String> parentIds, String title) {

  public Commit {
    Objects.requireNonNull(id, "id");
    parentIds = List.copyOf(parentIds);
    Objects.requireNonNull(title, "title");
  }
}
