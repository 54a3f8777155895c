package io.stow.engine;

import io.stow.docker.ContainerCreateRequest;
import io.stow.engine.fs.PrivateFiles;
import io.stow.engine.plan.Plan;
import io.stow.engine.render.RedactedDescriptor;
import io.stow.engine.source.DesiredStateSource;
import io.stow.engine.state.SnapshotInfo;
import io.stow.engine.state.SnapshotStore;
import io.stow.engine.state.StateLock;
import io.stow.model.DeploymentHashes;
import io.stow.model.Descriptor;
import io.stow.model.StowLabels;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Lists the steps of each mode and runs them in order for one run: {@link #reconcile}, {@link
 * #dryRun} and {@link #recover}; the rollback steps are listed by {@link Rollbacks}. It owns the
 * failure policy: what fails before the host is touched is reported as such; what fails after is
 * rolled back.
 */
final class StepsRunner {

  private final Path tempDir;
  private final SnapshotStore store;
  private final RunRecorder rec;
  private final StageStep stage = new StageStep();
  private final DecryptStep decrypt;
  private final HashStep hash = new HashStep();
  private final LoadDescriptorStep load;
  private final NameCheckStep nameCheck;
  private final HostPlanner hostPlanner;
  private final PrepareStep prepare;
  private final PullStep pull;
  private final SnapshotStep snapshot;
  private final ApplyStep apply;
  private final VerifyStep verify;
  private final PruneStep prune;
  private final Rollbacks rollbacks;

  StepsRunner(ReconcileContext ctx, ReconcileMode mode) {
    this.tempDir = ctx.tempDir();
    this.store = new SnapshotStore(ctx.stateRoot(), ctx.clock());
    this.rec = new RunRecorder(mode, ctx.clock(), ctx.events());
    this.decrypt = new DecryptStep(ctx.secretDecryptor());
    this.load = new LoadDescriptorStep(ctx.descriptorLoader(), rec::warn);
    this.nameCheck = new NameCheckStep(store);
    this.hostPlanner = new HostPlanner(ctx.docker(), rec);
    this.prepare = new PrepareStep(store, ctx.docker());
    this.pull = new PullStep(ctx.docker(), rec);
    this.snapshot = new SnapshotStep(store, ctx.clock());
    this.apply = new ApplyStep(ctx.docker(), rec, ctx.defaultStopTimeout(), ctx.applyConcurrency());
    this.verify =
        new VerifyStep(ctx.docker(), rec, ctx.clock(), ctx.sleeper(), ctx.verifyPollInterval());
    this.prune = new PruneStep(store, rec, ctx.snapshotsToKeep());
    this.rollbacks = new Rollbacks(ctx, store, rec);
  }

  // ---- dry run: stage, decrypt, hash, load, inspect, plan; change nothing ----

  ReconcileReport dryRun(DesiredStateSource source) {
    Path temp = null;
    try {
      Path staging = PrivateFiles.createUniqueDirectory(tempDir, "stow-dry-run-");
      temp = staging;
      Desired desired = loadDesired(source, staging);
      if (store.hasPrevious()) {
        rec.warn(
            store.previousLink()
                + " exists: an earlier apply did not finish; the next reconcile rolls it back"
                + " first");
      }
      Plan planned = hostPlanner.planDesired(desired.descriptor(), desired.hash());
      rec.step(
          "prepare",
          () -> prepare.run(desired.descriptor(), planned, staging, snapshotDir(desired)));
      return rec.build(ReconcileStatus.SUCCEEDED);
    } catch (Exception e) {
      throw Failures.beforeChanges(rec, e);
    } finally {
      if (temp != null) {
        PrivateFiles.deleteQuietly(temp);
      }
    }
  }

  // ---- reconcile: ... pull, snapshot, apply, verify, commit or roll back ----

  ReconcileReport reconcile(DesiredStateSource source) {
    return withLock(() -> reconcileLocked(source));
  }

  private ReconcileReport reconcileLocked(DesiredStateSource source) {
    rollbacks.recoverIfInterrupted();
    Desired desired;
    Plan planned;
    Map<String, ContainerCreateRequest> requests;
    Path staging = null;
    try {
      store.cleanStaging();
      Path stagingDir = store.newStagingDir();
      staging = stagingDir;
      Desired d = loadDesired(source, stagingDir);
      desired = d;
      Plan p = hostPlanner.planDesired(d.descriptor(), d.hash());
      planned = p;
      if (p.isNoop() && d.isRunning()) {
        return rec.build(ReconcileStatus.SUCCEEDED);
      }
      requests =
          rec.step("prepare", () -> prepare.run(d.descriptor(), p, stagingDir, snapshotDir(d)));
      rec.step("pull", () -> pull.run(p));
      if (!d.isRunning()) {
        if (d.running().isEmpty()) {
          store.openFirstApply(d.name());
        }
        rotateSnapshot(stagingDir, d);
      }
    } catch (ReconcileException e) {
      throw e;
    } catch (Exception e) {
      throw Failures.beforeChanges(rec, e);
    } finally {
      if (staging != null) {
        PrivateFiles.deleteQuietly(staging);
      }
    }
    return applyAndVerify(desired, planned, requests);
  }

  private void rotateSnapshot(Path staging, Desired d) throws Exception {
    try {
      rec.step(
          "snapshot",
          () -> snapshot.run(staging, d.descriptor(), d.revision(), d.hashes(), d.secretFiles()));
    } catch (Exception e) {
      if (store.hasPrevious()) {
        // the swap may have happened: restore like any failure after changes
        throw rollbacks.afterFailure(e, d);
      }
      if (d.running().isEmpty()) {
        store.dropCurrent();
        store.closeFirstApply();
      }
      throw e;
    }
  }

  private ReconcileReport applyAndVerify(
      Desired d, Plan planned, Map<String, ContainerCreateRequest> requests) {
    try {
      rec.step("apply", () -> apply.run(d.descriptor(), planned, requests, rec::outcome));
      VerificationReport verification =
          rec.step("verify", () -> verify.run(d.descriptor(), d.hash(), planned.unchanged()));
      rec.verification(verification);
      if (!verification.passed()) {
        throw new StepFailure(Failures.verificationFailure(verification));
      }
      rec.step("commit", store::commit);
      prune.run();
      return rec.build(ReconcileStatus.SUCCEEDED);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      String reason =
          "interrupted while applying "
              + StowLabels.hashValue(d.hash())
              + "; "
              + store.previousLink()
              + " is kept so the next run rolls back first";
      rec.failure(reason);
      throw new ReconcileException(reason, rec.build(ReconcileStatus.FAILED_ROLLBACK_FAILED), e);
    } catch (Exception e) {
      throw rollbacks.afterFailure(e, d);
    }
  }

  // ---- recovery: roll back an apply that an earlier run left open ----

  /** Recovery mode: with the lock held, rolls back an apply that an earlier run left open. */
  ReconcileReport recover() {
    return withLock(
        () -> {
          rollbacks.recoverIfInterrupted();
          return rec.build(ReconcileStatus.SUCCEEDED);
        });
  }

  /** Whether there is an interrupted apply to recover from (read only). */
  boolean interruptedApplyFound() {
    try {
      return store.hasPrevious() || store.openFirstApply().isPresent();
    } catch (IOException e) {
      return true; // the recovery run reports why the marker cannot be read
    }
  }

  // ---- shared by the modes ----

  /** Initialises the state root, takes its lock, runs {@code body} and releases the lock. */
  private ReconcileReport withLock(Supplier<ReconcileReport> body) {
    StateLock lock;
    try {
      lock =
          rec.step(
              "lock",
              () -> {
                store.initialise();
                return store.lock();
              });
    } catch (Exception e) {
      throw Failures.beforeChanges(rec, e);
    }
    try {
      return body.get();
    } finally {
      closeQuietly(lock);
    }
  }

  private Desired loadDesired(DesiredStateSource source, Path staging) throws Exception {
    String revision = rec.step("stage", () -> stage.run(source, staging));
    rec.revision(revision);
    Set<String> secrets = rec.step("decrypt", () -> decrypt.run(staging));
    DeploymentHashes hashes = rec.step("hash", () -> hash.run(staging, secrets));
    rec.hashes(hashes);
    Descriptor descriptor = rec.step("load", () -> load.run(staging));
    rec.deploymentName(descriptor.deployment().name());
    rec.desired(RedactedDescriptor.of(descriptor));
    Optional<SnapshotInfo> running = rec.step("check-name", () -> nameCheck.run(descriptor));
    running.ifPresent(r -> rec.runningHash(r.deploymentHash()));
    return new Desired(revision, secrets, hashes, descriptor, running);
  }

  private Path snapshotDir(Desired d) {
    return store.snapshotDir(d.hash());
  }

  private static void closeQuietly(StateLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      // the OS releases the lock when the process exits
    }
  }
}
