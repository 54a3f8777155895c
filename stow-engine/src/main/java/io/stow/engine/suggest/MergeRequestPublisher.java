package io.stow.engine.suggest;

import io.stow.engine.suggest.SuggestImageReport.Outcome;
import io.stow.gitlab.GitLabApi;
import io.stow.gitlab.GitLabException;
import io.stow.gitlab.MergeRequest;
import io.stow.gitlab.MergeRequestChanges;
import io.stow.gitlab.User;
import java.util.List;
import java.util.Optional;

/**
 * Creates the suggestion's merge request, or updates the one open for its branch (a 409 on create
 * means one was opened meanwhile: update that), then assigns it. GitLab silently drops assignees it
 * cannot assign, so each attempt is checked in the response before the next is tried. An existing
 * merge request that already has an assignee keeps it.
 */
final class MergeRequestPublisher {

  /** What was published. */
  record Published(Outcome outcome, MergeRequest mergeRequest, Optional<Long> assignee) {}

  private final GitLabApi gitlab;
  private final Notes notes;

  MergeRequestPublisher(GitLabApi gitlab, Notes notes) {
    this.gitlab = gitlab;
    this.notes = notes;
  }

  /** The open merge request of {@code branch} into {@code target}, if there is one. */
  Optional<MergeRequest> open(String branch, String target) {
    return gitlab.openMergeRequests(branch).stream()
        .filter(mr -> mr.targetBranch().equals(target))
        .findFirst();
  }

  /** Whether the open merge request already says exactly this and needs no assignee. */
  static boolean upToDate(MergeRequest mr, MergeRequestText text, Assignees assignees) {
    return mr.title().equals(text.title())
        && mr.description().equals(text.description())
        && mr.removeSourceBranch()
        && (!mr.assigneeIds().isEmpty() || !assignees.requested());
  }

  Published publish(
      String branch,
      String target,
      MergeRequestText text,
      Assignees assignees,
      Optional<MergeRequest> existing) {
    MergeRequestChanges update = MergeRequestChanges.update(text.title(), text.description());
    if (existing.isPresent()) {
      MergeRequest updated = gitlab.updateMergeRequest(existing.get().iid(), update);
      return new Published(Outcome.UPDATED, updated, assign(updated, assignees, update));
    }
    Optional<User> first = assignees.next();
    MergeRequestChanges create =
        MergeRequestChanges.create(branch, target, text.title(), text.description());
    MergeRequest created;
    try {
      created =
          gitlab.createMergeRequest(
              first.map(u -> create.withAssignees(List.of(u.id()))).orElse(create));
    } catch (GitLabException e) {
      if (!e.is(409)) {
        throw e;
      }
      MergeRequest other = open(branch, target).orElseThrow(() -> e);
      notes.info(
          "a merge request for "
              + branch
              + " was opened meanwhile (!"
              + other.iid()
              + "); updating it");
      MergeRequest updated = gitlab.updateMergeRequest(other.iid(), update);
      return new Published(Outcome.UPDATED, updated, assign(updated, assignees, update));
    }
    if (first.isPresent() && created.assigneeIds().contains(first.get().id())) {
      return new Published(Outcome.CREATED, created, Optional.of(first.get().id()));
    }
    first.ifPresent(u -> dropped(u));
    return new Published(Outcome.CREATED, created, assign(created, assignees, update));
  }

  private Optional<Long> assign(MergeRequest mr, Assignees assignees, MergeRequestChanges update) {
    if (!mr.assigneeIds().isEmpty()) {
      return Optional.of(mr.assigneeIds().get(0));
    }
    for (Optional<User> user = assignees.next(); user.isPresent(); user = assignees.next()) {
      MergeRequest assigned =
          gitlab.updateMergeRequest(mr.iid(), update.withAssignees(List.of(user.get().id())));
      if (assigned.assigneeIds().contains(user.get().id())) {
        return Optional.of(user.get().id());
      }
      dropped(user.get());
    }
    if (assignees.requested()) {
      notes.warning("--assign: no attempt gave an assignee; the merge request is unassigned");
    }
    return Optional.empty();
  }

  private void dropped(User user) {
    notes.warning(
        "--assign: GitLab did not assign "
            + user.username()
            + " ("
            + user.id()
            + "), probably not a member of the project; trying the next attempt");
  }
}
