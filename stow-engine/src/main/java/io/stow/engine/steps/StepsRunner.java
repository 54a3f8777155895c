package io.stow.engine.steps;

import io.stow.engine.ReconcileContext;
import io.stow.engine.ReconcileException;
import io.stow.engine.ReconcileMode;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.ResolvedRevision;
import io.stow.engine.VerificationReport;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.Plan;
import io.stow.engine.render.RedactedDescriptor;
import io.stow.engine.source.DesiredStateSource;
import io.stow.engine.state.SnapshotInfo;
import io.stow.engine.state.SnapshotStore;
import io.stow.engine.state.StagingArea;
import io.stow.engine.state.StateLock;
import io.stow.model.DeploymentHashes;
import io.stow.model.Descriptor;
import io.stow.model.StowLabels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Lists the steps of each mode and runs them in order for one run: {@link #reconcile}, {@link
 * #dryRun} and {@link #recover}; the rollback steps are listed by {@link Rollbacks}. It owns the
 * failure policy: what fails before the host is touched is reported as such; what fails after is
 * rolled back. One runner serves one run. Internal to the engine: embedders call {@link
 * io.stow.engine.Reconciler}.
 */
public final class StepsRunner {

  private final SnapshotStore store;
  private final RunRecorder rec;
  private final Steps steps;
  private final Rollbacks rollbacks;
  private final RunMemory memory;
  private final RunningNoop noop;

  /**
   * A runner for one run of {@code mode}; {@code memory} is what the calling reconciler remembers
   * between its runs.
   */
  public StepsRunner(ReconcileContext ctx, ReconcileMode mode, RunMemory memory) {
    this.store = new SnapshotStore(ctx.stateRoot(), ctx.clock());
    this.rec = new RunRecorder(mode, ctx.clock(), ctx.events());
    this.memory = memory;
    this.steps = new Steps(ctx, store, rec, memory);
    this.rollbacks = new Rollbacks(store, rec, steps);
    this.noop = new RunningNoop(store, rec, steps, memory);
  }

  // ---- dry run: stage, decrypt, hash, load, plan, prepare; change nothing ----

  /**
   * Dry-run mode: plans without changing Docker or the deployment state. It stages (and decrypts)
   * in the state root's private staging area, without the state lock, beside any reconcile.
   */
  public ReconcileReport dryRun(DesiredStateSource source) {
    try (StagingArea.Staging staging = openStaging("dry-run")) {
      Desired desired = loadDesired(source, staging.path(), Optional.empty());
      if (store.hasPrevious()) {
        rec.warn(
            store.previousLink()
                + " exists: an earlier apply did not finish; the next reconcile rolls it back"
                + " first");
      }
      Prepared planned = steps.planAndCheck(target(desired), false);
      rec.step(steps.preflight, rec.step(steps.prepare, planned));
      return rec.build(ReconcileStatus.SUCCEEDED);
    } catch (Exception e) {
      throw Failures.beforeChanges(rec, e);
    }
  }

  // ---- reconcile: ... pull, snapshot, apply, verify, commit or roll back ----

  /**
   * Reconcile mode: converges the host, verifies, and rolls back on failure. When this reconciler
   * deployed the source's current revision itself and nothing drifted since, that is found with one
   * container list: no lock, no download.
   */
  public ReconcileReport reconcile(DesiredStateSource source) {
    Optional<String> revision = Optional.empty();
    if (memory.tracks(source)) {
      String head;
      try {
        head = rec.step(steps.resolve, source);
      } catch (Exception e) {
        throw Failures.beforeChanges(rec, e);
      }
      Optional<ReconcileReport> found = noop.find(running -> memory.runs(source, head, running));
      if (found.isPresent()) {
        return found.get();
      }
      revision = Optional.of(head);
    }
    Optional<String> resolved = revision;
    ReconcileReport report = withLock(() -> reconcileLocked(source, resolved));
    if (report.status() == ReconcileStatus.SUCCEEDED
        && report.revision().isPresent()
        && report.hashes().isPresent()) {
      memory.deployed(source, report.revision().get(), report.hashes().get().deploymentHash());
    }
    return report;
  }

  private ReconcileReport reconcileLocked(DesiredStateSource source, Optional<String> revision) {
    rollbacks.recoverIfInterrupted();
    Desired desired;
    Prepared prepared;
    Optional<Descriptor> replaced;
    try (StagingArea.Staging staging = openStaging("reconcile")) {
      Desired d = loadDesired(source, staging.path(), revision);
      desired = d;
      Prepared planned = steps.planAndCheck(target(d), false);
      if (planned.plan().isNoop() && d.isRunning()) {
        return rec.build(ReconcileStatus.SUCCEEDED);
      }
      replaced = ownerOfDeletes(d, planned.plan());
      prepared = rec.step(steps.prepare, planned);
      rec.step(steps.preflight, prepared);
      prepared = rec.step(steps.build, prepared);
      rec.step(steps.pull, prepared);
      if (!d.isRunning()) {
        if (d.running().isEmpty()) {
          store.openFirstApply(d.name(), Rollbacks.created(prepared));
        }
        rotateSnapshot(d, prepared);
      }
    } catch (ReconcileException e) {
      throw e;
    } catch (Exception e) {
      throw Failures.beforeChanges(rec, e);
    }
    return applyAndVerify(prepared, replaced, desired.running().isEmpty());
  }

  /**
   * The running deployment's descriptor when the plan deletes containers: they are the running
   * deployment's, and so are their stop timeouts. Read before the snapshot rotates.
   */
  private Optional<Descriptor> ownerOfDeletes(Desired d, Plan plan) {
    if (d.running().isEmpty() || plan.actions(ActionKind.DELETE).isEmpty()) {
      return Optional.empty();
    }
    return steps.stopTimeoutOwner(d.running().get(), "running");
  }

  private void rotateSnapshot(Desired d, Prepared prepared) throws Exception {
    try {
      rec.step(steps.snapshot, d);
    } catch (Exception e) {
      if (store.hasPrevious()) {
        // the swap may have happened: restore like any failure after changes
        throw rollbacks.afterFailure(e, prepared, d.running().isEmpty());
      }
      if (d.running().isEmpty()) {
        store.dropCurrent();
        store.closeFirstApply();
      }
      throw e;
    }
  }

  /**
   * @param replaced the descriptor of the deployment the apply replaces, when the plan deletes
   *     containers of it (their stop timeouts)
   */
  private ReconcileReport applyAndVerify(
      Prepared prepared, Optional<Descriptor> replaced, boolean firstDeployment) {
    try {
      rec.step(steps.apply, new ApplyStep.Input(prepared, replaced, rec::outcome));
      VerificationReport verification = rec.step(steps.verify, prepared);
      rec.verification(verification);
      if (!verification.passed()) {
        throw new StepFailure(Failures.verificationFailure(verification));
      }
      rec.step(steps.commit, null);
      steps.prune.run();
      return rec.build(ReconcileStatus.SUCCEEDED);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw leftOpen(
          "interrupted while applying " + StowLabels.hashValue(prepared.target().deploymentHash()),
          e);
    } catch (Exception e) {
      if (Failures.isBug(e)) {
        throw leftOpen(Failures.describe(e), e);
      }
      throw rollbacks.afterFailure(e, prepared, firstDeployment);
    }
  }

  /**
   * Ends a run whose apply could not be finished or rolled back now (interrupted, or a bug): the
   * open apply stays marked, so the next run rolls it back before anything else.
   */
  private ReconcileException leftOpen(String why, Exception cause) {
    String reason =
        why
            + "; nothing was rolled back: "
            + (store.hasPrevious() ? store.previousLink() : store.firstApplyMarker())
            + " is kept so the next run rolls back first";
    rec.failure(reason);
    return new ReconcileException(reason, rec.build(ReconcileStatus.FAILED_ROLLBACK_FAILED), cause);
  }

  // ---- repair: converge the host to the running snapshot, fetching nothing ----

  /**
   * Repair mode: brings the host back to the deployment that runs (a container removed or stopped
   * by hand comes back), from the snapshot on disk: no download, no decryption, no new snapshot.
   * Succeeds without doing anything when nothing is deployed or nothing drifted.
   */
  public ReconcileReport repair() {
    Optional<ReconcileReport> found = noop.find(running -> true);
    return found.isPresent() ? found.get() : withLock(this::repairLocked);
  }

  private ReconcileReport repairLocked() {
    rollbacks.recoverIfInterrupted();
    Prepared prepared;
    try {
      Optional<SnapshotInfo> current = store.current();
      if (current.isEmpty()) {
        return rec.build(ReconcileStatus.SUCCEEDED);
      }
      SnapshotInfo running = current.get();
      running.revision().ifPresent(rec::revision);
      rec.runningHash(running.deploymentHash());
      Descriptor descriptor = rec.step(steps.load, LoadDescriptorStep.Input.snapshot(running));
      rec.deploymentName(descriptor.deployment().name());
      rec.desired(RedactedDescriptor.of(descriptor));
      Target target =
          new Target(descriptor, running.deploymentHash(), running.dir(), running.dir());
      Prepared planned = steps.planAndCheck(target, false);
      if (planned.plan().isNoop()) {
        return rec.build(ReconcileStatus.SUCCEEDED);
      }
      prepared = rec.step(steps.prepare, planned);
      rec.step(steps.preflight, prepared);
      prepared = rec.step(steps.build, prepared);
      rec.step(steps.pull, prepared);
    } catch (Exception e) {
      throw Failures.beforeChanges(rec, e);
    }
    // repair converges to the running deployment itself: what it deletes, no descriptor declares
    return applyAndVerify(prepared, Optional.empty(), false);
  }

  // ---- resolve: what a source's revision would deploy, changing nothing ----

  /**
   * Resolve mode: stages, decrypts and hashes a source's revision in private staging, without the
   * state lock and without looking at Docker; the staged files are deleted before this returns.
   */
  public ResolvedRevision resolve(DesiredStateSource source) {
    try (StagingArea.Staging staging = openStaging("resolve")) {
      String revision = rec.step(steps.stage, new StageStep.Input(source, staging.path()));
      Set<String> secrets = rec.step(steps.decrypt, staging.path());
      DeploymentHashes hashes = rec.step(steps.hash, new HashStep.Input(staging.path(), secrets));
      return new ResolvedRevision(revision, hashes);
    } catch (Exception e) {
      throw Failures.beforeChanges(rec, e);
    }
  }

  // ---- recovery: roll back an apply that an earlier run left open ----

  /** Recovery mode: with the lock held, rolls back an apply that an earlier run left open. */
  public ReconcileReport recover() {
    return withLock(
        () -> {
          rollbacks.recoverIfInterrupted();
          return rec.build(ReconcileStatus.SUCCEEDED);
        });
  }

  /** Whether there is an interrupted apply to recover from (read only). */
  public boolean interruptedApplyFound() {
    return noop.interruptedApplyFound();
  }

  // ---- shared by the modes ----

  /** Initialises the state root, takes its lock, runs {@code body} and releases the lock. */
  private ReconcileReport withLock(Supplier<ReconcileReport> body) {
    StateLock lock;
    try {
      lock = rec.step(steps.lock, null);
    } catch (Exception e) {
      throw Failures.beforeChanges(rec, e);
    }
    try {
      return body.get();
    } finally {
      closeQuietly(lock);
    }
  }

  private Desired loadDesired(DesiredStateSource source, Path staging, Optional<String> resolved)
      throws Exception {
    String revision = rec.step(steps.stage, new StageStep.Input(source, staging, resolved));
    rec.revision(revision);
    Set<String> secrets = rec.step(steps.decrypt, staging);
    DeploymentHashes hashes = rec.step(steps.hash, new HashStep.Input(staging, secrets));
    rec.hashes(hashes);
    Descriptor descriptor =
        rec.step(steps.load, new LoadDescriptorStep.Input(staging, source.folderName()));
    rec.deploymentName(descriptor.deployment().name());
    rec.desired(RedactedDescriptor.of(descriptor));
    Optional<SnapshotInfo> running = rec.step(steps.checkName, descriptor);
    running.ifPresent(r -> rec.runningHash(r.deploymentHash()));
    return new Desired(staging, revision, secrets, hashes, descriptor, running);
  }

  /**
   * A fresh private staging directory, after sweeping what runs of dead processes left behind
   * (plaintext secrets of a killed run must not stay on disk).
   */
  private StagingArea.Staging openStaging(String kind) throws IOException {
    StagingArea area = store.staging();
    area.sweep();
    return area.create(kind);
  }

  private Target target(Desired d) {
    return d.target(store.snapshotDir(d.hash()));
  }

  private static void closeQuietly(StateLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      // the OS releases the lock when the process exits
    }
  }
}
