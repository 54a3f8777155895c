package io.stow.it.gitlab;

import java.util.List;

/** A merge request of a fake project, as it stands. */
public record FakeMergeRequest(
    long id,
    long iid,
    String sourceBranch,
    String targetBranch,
    String title,
    String description,
    String state,
    List<Long> assigneeIds,
    boolean removeSourceBranch) {

  public FakeMergeRequest {
    assigneeIds = List.copyOf(assigneeIds);
  }

  FakeMergeRequest with(
      String title, String description, List<Long> assignees, boolean remove, String state) {
    return new FakeMergeRequest(
        id, iid, sourceBranch, targetBranch, title, description, state, assignees, remove);
  }
}
