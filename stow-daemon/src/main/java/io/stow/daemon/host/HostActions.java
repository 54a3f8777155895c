package io.stow.daemon.host;

import io.stow.engine.HostStatus;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ResolvedRevision;
import java.util.Optional;

/**
 * What the daemon asks of the engine and the deployment repository. {@link EngineHostActions} is
 * the real thing over the engine's {@code Reconciler}; unit tests use a hand-written fake. Run
 * methods throw {@code ReconcileException} (with its partial report) when a run fails.
 */
public interface HostActions {

  /** Rolls back an apply an earlier process left open; empty when there was none. */
  Optional<ReconcileReport> recoverInterruptedApply();

  /** Reconciles to the head of the tracked branch: download, decrypt, plan, apply, verify. */
  ReconcileReport reconcileHead();

  /** Converges the host to the running snapshot without fetching anything. */
  ReconcileReport repair();

  /**
   * The commit at the head of the tracked branch now (one small GitLab call, no archive).
   *
   * @throws RuntimeException when GitLab cannot be asked
   */
  String branchHead();

  /** The tracked branch: the configured one or the project's default branch. */
  String trackedBranch();

  /** What {@code commit} would deploy: downloads, decrypts and hashes it, without the lock. */
  ResolvedRevision resolve(String commit);

  /** What runs now (the running snapshot and its containers); takes no lock. */
  HostStatus status();
}
