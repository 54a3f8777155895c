package io.stow.daemon.host;

import io.stow.engine.HostStatus;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileRequest;
import io.stow.engine.Reconciler;
import io.stow.engine.ResolvedRevision;
import io.stow.engine.source.TrackedSource;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link HostActions} over the engine: runs go through {@code runs}, whose events feed the log;
 * resolutions through {@code resolutions}, a reconciler over the same state root that reports to
 * nobody (a badge request is not an event worth a log line). The tracked branch is asked of GitLab
 * once and remembered.
 */
public final class EngineHostActions implements HostActions {

  private final Reconciler runs;
  private final Reconciler resolutions;
  private final TrackedSource source;
  private volatile String trackedBranch;

  public EngineHostActions(Reconciler runs, Reconciler resolutions, TrackedSource source) {
    this.runs = Objects.requireNonNull(runs, "runs");
    this.resolutions = Objects.requireNonNull(resolutions, "resolutions");
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  public Optional<ReconcileReport> recoverInterruptedApply() {
    return runs.recoverInterruptedApply();
  }

  @Override
  public ReconcileReport reconcileHead() {
    return runs.reconcile(ReconcileRequest.reconcile(source));
  }

  @Override
  public ReconcileReport repair() {
    return runs.repair();
  }

  @Override
  public String branchHead() {
    return source.head();
  }

  @Override
  public String trackedBranch() {
    String branch = trackedBranch;
    if (branch == null) {
      branch = source.trackedBranch();
      trackedBranch = branch;
    }
    return branch;
  }

  @Override
  public ResolvedRevision resolve(String commit) {
    return resolutions.resolve(source.atCommit(commit));
  }

  @Override
  public HostStatus status() {
    return runs.status();
  }
}
