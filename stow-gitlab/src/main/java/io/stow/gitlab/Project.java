package io.stow.gitlab;

import java.util.Objects;

/** A GitLab project: its numeric id, its {@code namespace/path}, its default branch and web URL. */
public record Project(long id, String pathWithNamespace, String defaultBranch, String webUrl) {

  public Project {
    if (id <= 0) {
      throw new IllegalArgumentException("project id must be positive: " + id);
    }
    Objects.requireNonNull(pathWithNamespace, "pathWithNamespace");
    Objects.requireNonNull(defaultBranch, "defaultBranch");
    Objects.requireNonNull(webUrl, "webUrl");
  }
}
