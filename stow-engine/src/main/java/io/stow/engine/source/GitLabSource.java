package io.stow.engine.source;

import io.stow.engine.fs.PrivateFiles;
import io.stow.gitlab.Branch;
import io.stow.gitlab.GitLabApi;
import io.stow.gitlab.GitLabException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host's folder of a GitLab deployment repository. A reconcile always deploys the head of the
 * tracked branch (the project's default branch unless one is configured): nothing a caller sends
 * can make it deploy another commit. The folder is downloaded as the archive of that commit,
 * limited to the subfolder, and extracted by {@link SafeTarGzExtractor}.
 *
 * <p>{@link #atCommit} pins a commit for one purpose only: resolving what that commit would deploy
 * (its hashes) for status and badges.
 */
public final class GitLabSource implements TrackedSource {

  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  private final GitLabApi gitlab;
  private final Optional<String> branch;
  private final String subfolder;
  private final SafeTarGzExtractor extractor;
  private final Optional<String> pinned;

  private GitLabSource(
      GitLabApi gitlab,
      Optional<String> branch,
      String subfolder,
      SafeTarGzExtractor extractor,
      Optional<String> pinned) {
    this.gitlab = Objects.requireNonNull(gitlab, "gitlab");
    this.branch = Objects.requireNonNull(branch, "branch");
    this.subfolder = Objects.requireNonNull(subfolder, "subfolder");
    this.extractor = Objects.requireNonNull(extractor, "extractor");
    this.pinned = pinned;
  }

  /** The head of {@code branch} (empty: the project's default branch), folder {@code subfolder}. */
  public static GitLabSource tracking(
      GitLabApi gitlab, Optional<String> branch, String subfolder, SafeTarGzExtractor extractor) {
    return new GitLabSource(gitlab, branch, subfolder, extractor, Optional.empty());
  }

  @Override
  public GitLabSource atCommit(String sha) {
    if (!SHA.matcher(sha).matches()) {
      throw new IllegalArgumentException("a commit is 40 or 64 lower-case hex characters");
    }
    return new GitLabSource(gitlab, branch, subfolder, extractor, Optional.of(sha));
  }

  @Override
  public String trackedBranch() {
    return branch.orElseGet(() -> call(() -> gitlab.project().defaultBranch()));
  }

  @Override
  public String head() {
    String name = trackedBranch();
    Optional<Branch> found = call(() -> gitlab.findBranch(name));
    return found
        .orElseThrow(
            () ->
                new SourceException(
                    "the project has no branch '"
                        + name
                        + "'; check the branch setting of the daemon configuration"))
        .commit()
        .id();
  }

  @Override
  public String resolveRevision() {
    if (pinned.isPresent()) {
      return call(() -> gitlab.commit(pinned.get()).id());
    }
    return head();
  }

  @Override
  public void materialise(String revision, Path staging) throws IOException {
    Path extracted = staging.resolve(".stow-archive");
    try {
      call(
          () ->
              gitlab.archive(
                  revision,
                  Optional.of(subfolder),
                  in -> extractor.extract(in, subfolder, extracted)));
      for (Path child : children(extracted)) {
        Files.move(child, staging.resolve(child.getFileName()), StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      PrivateFiles.deleteQuietly(extracted);
    }
  }

  @Override
  public String describe() {
    return "GitLab folder '"
        + subfolder
        + "' of "
        + pinned
            .map(sha -> "commit " + sha)
            .orElse("the head of " + branch.orElse("the default branch"));
  }

  /** The last part of the subfolder, the host's folder in the repository. */
  @Override
  public String folderName() {
    String trimmed = subfolder.replaceAll("/+$", "");
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /** Runs a GitLab call; its failures become source failures that say what GitLab answered. */
  private static <T> T call(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (GitLabException e) {
      throw new SourceException("GitLab: " + e.getMessage(), e);
    }
  }

  private static List<Path> children(Path dir) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    return children;
  }
}
