package io.stow.gitlab;

import java.util.Objects;

/** A branch and the commit at its head. */
public record Branch(String name, Commit commit) {

  public Branch {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(commit, "commit");
  }
}
