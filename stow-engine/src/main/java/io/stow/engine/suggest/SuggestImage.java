package io.stow.engine.suggest;

import io.stow.engine.suggest.Changelog.ChangelogUnavailable;
import io.stow.engine.suggest.SuggestImageReport.Outcome;
import io.stow.gitlab.Branch;
import io.stow.gitlab.CommitAction;
import io.stow.gitlab.CommitRequest;
import io.stow.gitlab.GitLabApi;
import io.stow.gitlab.MergeRequest;
import io.stow.gitlab.Project;
import io.stow.model.ImageRef;
import io.stow.model.edit.ImageEdit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code stow suggest-image}: proposes a new image for one container of a deployment as a GitLab
 * merge request. Reads the default branch head's manifest of {@code <subfolder>} (its stow.yaml, or
 * its Compose file, where the container is a service name), edits the image in place, makes one
 * forced commit on {@code suggest/<subfolder>-<container>} from that head (never deleting the
 * branch, which would close its merge request), then creates or updates the merge request with the
 * convergence badge of that commit. Running it again with the same input writes nothing; a new
 * digest adds a new forced commit and updates the same merge request.
 */
public final class SuggestImage {

  /** Where the registry digest of a local image comes from (the Docker engine's RepoDigests). */
  @FunctionalInterface
  public interface RepoDigestLookup {
    Optional<String> repoDigest(String imageTagged);
  }

  private final GitLabApi gitlab;
  private final RepoDigestLookup digests;
  private final Changelog changelog;
  private final SuggestListener listener;

  public SuggestImage(
      GitLabApi gitlab, RepoDigestLookup digests, Changelog changelog, SuggestListener listener) {
    this.gitlab = Objects.requireNonNull(gitlab, "gitlab");
    this.digests = Objects.requireNonNull(digests, "digests");
    this.changelog = Objects.requireNonNull(changelog, "changelog");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Runs the suggestion.
   *
   * @throws SuggestImageException, {@link io.stow.gitlab.GitLabException} or {@link
   *     io.stow.model.parse.DescriptorException} with a message that says what to do
   */
  public SuggestImageReport run(SuggestImageRequest request) {
    Notes notes = new Notes(listener);
    String digest = request.digest().orElseGet(() -> dockerDigest(request.image()));
    String newImage = ImageRef.parse(request.pinned(digest)).toString();
    Project project = gitlab.project();
    String target = project.defaultBranch();
    String head =
        gitlab
            .findBranch(target)
            .orElseThrow(
                () ->
                    new SuggestImageException(
                        "the default branch "
                            + target
                            + " of "
                            + project.pathWithNamespace()
                            + " does not exist; push a first commit to it"))
            .commit()
            .id();
    ManifestEdit manifest =
        ManifestEdit.read(
            gitlab,
            new ManifestEdit.At(target, head, project.pathWithNamespace()),
            request,
            newImage,
            notes);
    String path = manifest.path();
    String before = manifest.before();
    ImageEdit edit = manifest.edit();
    ImageRef previous = ImageRef.parse(edit.previousImage());
    String branch = SuggestBranch.name(request.subfolder(), request.container());
    checkDowngrade(request, previous.tag(), notes);
    if (!edit.changed()) {
      notes.info(request.container() + " already runs " + newImage + " on " + target);
      return report(
          Outcome.UP_TO_DATE,
          branch,
          edit,
          Optional.empty(),
          Optional.empty(),
          new MergeRequestText("", ""),
          "",
          Optional.empty(),
          notes);
    }
    String diff = UnifiedDiff.of(path, before, edit.content());
    Optional<String> changes = changelog(request, previous.tag(), notes);
    Optional<String> reusable = reusableCommit(branch, head, path, edit.content());
    MergeRequestText.Tags tags =
        new MergeRequestText.Tags(
            previous.tag(), request.tag(), previous.digest(), digest, newImage);
    Optional<String> daemon = manifest.daemonBaseUrl();
    MergeRequestPublisher publisher = new MergeRequestPublisher(gitlab, notes);
    Assignees assignees = new Assignees(gitlab, request.assign(), request.pipelineUserId(), notes);
    Optional<MergeRequest> existing = publisher.open(branch, target);
    if (request.dryRun()) {
      MergeRequestText text =
          MergeRequestText.of(
              request.subfolder(),
              request.container(),
              tags,
              reusable.orElse("<new commit>"),
              daemon,
              changes);
      return report(
          Outcome.DRY_RUN,
          branch,
          edit,
          reusable,
          existing.map(MergeRequest::webUrl),
          text,
          diff,
          Optional.empty(),
          notes);
    }
    if (reusable.isPresent() && existing.isPresent()) {
      MergeRequestText text =
          MergeRequestText.of(
              request.subfolder(), request.container(), tags, reusable.get(), daemon, changes);
      if (MergeRequestPublisher.upToDate(existing.get(), text, assignees)) {
        notes.info("merge request !" + existing.get().iid() + " already proposes " + newImage);
        return report(
            Outcome.ALREADY_PROPOSED,
            branch,
            edit,
            reusable,
            Optional.of(existing.get().webUrl()),
            text,
            diff,
            existing.get().assigneeIds().stream().findFirst(),
            notes);
      }
    }
    String commit = reusable.orElseGet(() -> commit(request, branch, head, path, edit, notes));
    MergeRequestText text =
        MergeRequestText.of(
            request.subfolder(), request.container(), tags, commit, daemon, changes);
    MergeRequestPublisher.Published published =
        publisher.publish(branch, target, text, assignees, existing);
    return report(
        published.outcome(),
        branch,
        edit,
        Optional.of(commit),
        Optional.of(published.mergeRequest().webUrl()),
        text,
        diff,
        published.assignee(),
        notes);
  }

  private String dockerDigest(String image) {
    String digest =
        digests
            .repoDigest(image)
            .orElseThrow(
                () ->
                    new SuggestImageException(
                        "the local Docker engine has no registry digest for "
                            + image
                            + "; push the image first or pass --digest"));
    return SuggestImageRequest.normaliseDigest(digest);
  }

  private void checkDowngrade(SuggestImageRequest request, String currentTag, Notes notes) {
    Optional<Boolean> downgrade = VersionTags.isDowngrade(currentTag, request.tag());
    if (downgrade.isEmpty()) {
      if (!currentTag.equals(request.tag())) {
        notes.info(
            "tags "
                + currentTag
                + " and "
                + request.tag()
                + " are not numeric; no downgrade check");
      }
      return;
    }
    if (downgrade.get() && !request.allowDowngrade()) {
      throw new SuggestImageException(
          "tag "
              + request.tag()
              + " is lower than the current "
              + currentTag
              + " of "
              + request.container()
              + "; pass --allow-downgrade to propose it");
    }
  }

  private Optional<String> changelog(SuggestImageRequest request, String fromTag, Notes notes) {
    if (request.changelogFile().isEmpty() || fromTag.equals(request.tag())) {
      return Optional.empty();
    }
    try {
      Optional<String> lines =
          changelog.addedLines(request.changelogFile().get(), fromTag, request.tag());
      if (lines.isEmpty()) {
        notes.info("no changelog lines added between " + fromTag + " and " + request.tag());
      }
      return lines;
    } catch (ChangelogUnavailable e) {
      notes.warning("changelog skipped: " + e.getMessage());
      return Optional.empty();
    }
  }

  /** The branch's head when it already holds exactly this edit on top of {@code head}. */
  private Optional<String> reusableCommit(String branch, String head, String path, String content) {
    Optional<Branch> current = gitlab.findBranch(branch);
    if (current.isEmpty() || !current.get().commit().parentIds().equals(List.of(head))) {
      return Optional.empty();
    }
    String sha = current.get().commit().id();
    return gitlab.findFile(path, sha).filter(f -> f.text().equals(content)).map(f -> sha);
  }

  private String commit(
      SuggestImageRequest request,
      String branch,
      String head,
      String path,
      ImageEdit edit,
      Notes notes) {
    String message =
        "Bump " + request.subfolder() + "/" + request.container() + " image to " + edit.newImage();
    String sha =
        gitlab
            .createCommit(
                CommitRequest.forced(
                    branch, head, message, List.of(CommitAction.update(path, edit.content()))))
            .id();
    notes.info("committed " + sha + " on " + branch + " (from " + head + ")");
    return sha;
  }

  private static SuggestImageReport report(
      Outcome outcome,
      String branch,
      ImageEdit edit,
      Optional<String> commit,
      Optional<String> url,
      MergeRequestText text,
      String diff,
      Optional<Long> assignee,
      Notes notes) {
    return new SuggestImageReport(
        outcome,
        branch,
        edit.previousImage(),
        edit.newImage(),
        commit,
        url,
        text.title(),
        text.description(),
        diff,
        assignee,
        notes.warnings());
  }
}
