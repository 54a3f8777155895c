package io.stow.gitlab;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to create or change in a merge request. On create, {@code sourceBranch} and {@code
 * targetBranch} are required; on update they are ignored. An empty {@code assigneeIds} leaves the
 * assignees as they are.
 */
public record MergeRequestChanges(
    Optional<String> sourceBranch,
    Optional<String> targetBranch,
    String title,
    String description,
    boolean removeSourceBranch,
    Optional<List<Long>> assigneeIds) {

  public MergeRequestChanges {
    Objects.requireNonNull(sourceBranch, "sourceBranch");
    Objects.requireNonNull(targetBranch, "targetBranch");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    assigneeIds = assigneeIds.map(List::copyOf);
    if (title.isBlank()) {
      throw new IllegalArgumentException("a merge request needs a title");
    }
  }

  /** A new merge request from {@code source} into {@code target}. */
  public static MergeRequestChanges create(
      String source, String target, String title, String description) {
    return new MergeRequestChanges(
        Optional.of(source), Optional.of(target), title, description, true, Optional.empty());
  }

  /** New title and description for an existing merge request. */
  public static MergeRequestChanges update(String title, String description) {
    return new MergeRequestChanges(
        Optional.empty(), Optional.empty(), title, description, true, Optional.empty());
  }

  /** The same changes, assigning the merge request to these users. */
  public MergeRequestChanges withAssignees(List<Long> ids) {
    return new MergeRequestChanges(
        sourceBranch, targetBranch, title, description, removeSourceBranch, Optional.of(ids));
  }
}
