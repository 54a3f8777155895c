package io.stow.engine.suggest;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a suggest-image run did.
 *
 * @param mergeRequestUrl the merge request created, updated or found; empty when nothing was needed
 *     or in a dry run that would create one
 * @param commit the commit on the suggestion branch, when one was made or reused
 * @param diff the unified diff of the manifest (empty when unchanged)
 */
public record SuggestImageReport(
    Outcome outcome,
    String branch,
    String previousImage,
    String newImage,
    Optional<String> commit,
    Optional<String> mergeRequestUrl,
    String title,
    String description,
    String diff,
    Optional<Long> assignee,
    List<String> warnings) {

  /** The result in one word. */
  public enum Outcome {
    /** A new merge request proposes the image. */
    CREATED,
    /** The open merge request for the branch now proposes the image. */
    UPDATED,
    /** The open merge request already proposes exactly this; nothing was written. */
    ALREADY_PROPOSED,
    /** The default branch already runs this image; nothing was written. */
    UP_TO_DATE,
    /** A dry run: nothing was written. */
    DRY_RUN
  }

  public SuggestImageReport {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(previousImage, "previousImage");
    Objects.requireNonNull(newImage, "newImage");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(mergeRequestUrl, "mergeRequestUrl");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(diff, "diff");
    Objects.requireNonNull(assignee, "assignee");
    warnings = List.copyOf(warnings);
  }
}
