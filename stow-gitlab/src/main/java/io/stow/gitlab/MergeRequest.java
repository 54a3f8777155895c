package io.stow.gitlab;

import java.util.List;
import java.util.Objects;

/**
 * A merge request as GitLab returns it. {@code assigneeIds} are the assignees GitLab actually kept:
 * it silently drops ids it cannot assign, so callers check here.
 */
public record MergeRequest(
    long id,
    long iid,
    String webUrl,
    String state,
    String sourceBranch,
    String targetBranch,
    String title,
    String description,
    List<Long> assigneeIds,
    boolean removeSourceBranch) {

  public MergeRequest {
    Objects.requireNonNull(webUrl, "webUrl");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(sourceBranch, "sourceBranch");
    Objects.requireNonNull(targetBranch, "targetBranch");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    assigneeIds = List.copyOf(assigneeIds);
  }
}
