package io.stow.engine.source;

/**
 * A source that tracks a branch of a Git repository (GitLab, or any Git remote): what it deploys is
 * always the head of that branch, resolved when a reconcile starts. Any other commit can only be
 * looked at ({@link #atCommit}), to tell status and badges what it would deploy.
 */
public interface TrackedSource extends DesiredStateSource {

  /** The branch: the configured one or the repository's default branch. */
  String trackedBranch();

  /** The commit at the head of the tracked branch now. */
  String head();

  /** The same folder at {@code sha}, for resolving its hashes; never for deploying. */
  DesiredStateSource atCommit(String sha);
}
