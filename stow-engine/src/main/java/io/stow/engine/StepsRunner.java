package io.stow.engine;

import io.stow.docker.ContainerCreateRequest;
import io.stow.docker.ContainerState;
import io.stow.docker.DockerOperationException;
import io.stow.engine.fs.PrivateFiles;
import io.stow.engine.plan.Plan;
import io.stow.engine.render.RedactedDescriptor;
import io.stow.engine.source.DesiredStateSource;
import io.stow.engine.source.SourceException;
import io.stow.engine.state.SnapshotInfo;
import io.stow.engine.state.SnapshotStore;
import io.stow.engine.state.StateLock;
import io.stow.engine.state.StateLockedException;
import io.stow.hash.DeploymentHashes;
import io.stow.model.Descriptor;
import io.stow.model.StowLabels;
import io.stow.sops.SopsException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lists the steps of each mode and runs them in order for one run: {@link #reconcile}, {@link
 * #dryRun} and the rollback ({@link #rollbackToPrevious}, also used by {@link #recover}). It owns
 * the failure policy: what fails before the host is touched is reported as such; what fails after
 * is rolled back.
 */
final class StepsRunner {

  /** The desired state after staging, decryption, hashing and loading. */
  private record Desired(
      String revision,
      Set<String> secretFiles,
      DeploymentHashes hashes,
      Descriptor descriptor,
      Optional<SnapshotInfo> running) {

    String hash() {
      return hashes.deploymentHash();
    }

    String name() {
      return descriptor.deployment().name();
    }
  }

  private final ReconcileContext ctx;
  private final SnapshotStore store;
  private final RunRecorder rec;
  private final StageStep stage = new StageStep();
  private final DecryptStep decrypt;
  private final HashStep hash = new HashStep();
  private final LoadDescriptorStep load;
  private final NameCheckStep nameCheck;
  private final InspectStep inspect;
  private final PlanStep plan = new PlanStep();
  private final OwnershipStep ownership;
  private final PrepareStep prepare;
  private final PullStep pull;
  private final SnapshotStep snapshot;
  private final ApplyStep apply;
  private final VerifyStep verify;
  private final RestorePreviousStep restorePrevious;
  private final RemoveFailedStep removeFailed;

  StepsRunner(ReconcileContext ctx, ReconcileMode mode) {
    this.ctx = ctx;
    this.store = new SnapshotStore(ctx.stateRoot(), ctx.clock());
    this.rec = new RunRecorder(mode, ctx.clock(), ctx.events());
    this.decrypt = new DecryptStep(ctx.secretDecryptor());
    this.load = new LoadDescriptorStep(ctx.descriptorLoader());
    this.nameCheck = new NameCheckStep(store);
    this.inspect = new InspectStep(ctx.docker());
    this.ownership = new OwnershipStep(ctx.docker());
    this.prepare = new PrepareStep(store);
    this.pull = new PullStep(ctx.docker(), rec);
    this.snapshot = new SnapshotStep(store, ctx.clock());
    this.apply = new ApplyStep(ctx.docker(), rec, ctx.defaultStopTimeout());
    this.verify =
        new VerifyStep(ctx.docker(), rec, ctx.clock(), ctx.sleeper(), ctx.verifyPollInterval());
    this.restorePrevious = new RestorePreviousStep(store);
    this.removeFailed =
        new RemoveFailedStep(
            ctx.docker(), store, rec, ctx.logTailLines(), ctx.defaultStopTimeout());
  }

  // ---- dry run: stage, decrypt, hash, load, inspect, plan; change nothing ----

  ReconcileReport dryRun(DesiredStateSource source) {
    Path temp = null;
    try {
      Path staging = PrivateFiles.createUniqueDirectory(ctx.tempDir(), "stow-dry-run-");
      temp = staging;
      Desired desired = loadDesired(source, staging);
      if (store.hasPrevious()) {
        rec.warn(
            store.previousLink()
                + " exists: an earlier apply did not finish; the next reconcile rolls it back"
                + " first");
      }
      Plan planned = planAgainstHost(desired.descriptor(), desired.hash(), "");
      rec.step(
          "prepare",
          () -> prepare.run(desired.descriptor(), planned, staging, snapshotDir(desired)));
      return rec.build(ReconcileStatus.SUCCEEDED);
    } catch (Exception e) {
      throw failBeforeChanges(e);
    } finally {
      if (temp != null) {
        PrivateFiles.deleteQuietly(temp);
      }
    }
  }

  // ---- reconcile: ... pull, snapshot, apply, verify, commit or roll back ----

  ReconcileReport reconcile(DesiredStateSource source) {
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
      throw failBeforeChanges(e);
    }
    try {
      return reconcileLocked(source);
    } finally {
      closeQuietly(lock);
    }
  }

  private ReconcileReport reconcileLocked(DesiredStateSource source) {
    recoverIfInterrupted();
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
      Plan p = planAgainstHost(d.descriptor(), d.hash(), "");
      planned = p;
      if (p.isNoop() && isRunning(d)) {
        return rec.build(ReconcileStatus.SUCCEEDED);
      }
      requests =
          rec.step("prepare", () -> prepare.run(d.descriptor(), p, stagingDir, snapshotDir(d)));
      rec.step(
          "pull",
          () -> {
            pull.run(p);
            return null;
          });
      if (!isRunning(d)) {
        rotateSnapshot(stagingDir, d);
      }
    } catch (ReconcileException e) {
      throw e;
    } catch (Exception e) {
      throw failBeforeChanges(e);
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
        throw rollbackAfterFailure(e, d);
      }
      if (d.running().isEmpty()) {
        store.dropCurrent();
      }
      throw e;
    }
  }

  private ReconcileReport applyAndVerify(
      Desired d, Plan planned, Map<String, ContainerCreateRequest> requests) {
    try {
      rec.step(
          "apply",
          () -> {
            apply.run(d.descriptor(), planned, requests, rec::outcome);
            return null;
          });
      VerificationReport verification =
          rec.step("verify", () -> verify.run(d.descriptor(), d.hash()));
      rec.verification(verification);
      if (!verification.passed()) {
        throw new StepFailure(verificationFailure(verification));
      }
      rec.step(
          "commit",
          () -> {
            store.commit();
            return null;
          });
      prune();
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
      throw rollbackAfterFailure(e, d);
    }
  }

  private ReconcileException rollbackAfterFailure(Exception cause, Desired d) {
    String reason = describe(cause);
    rec.failure(reason);
    RollbackReport rollback;
    if (d.running().isEmpty()) {
      rec.emit(new ReconcileEvent.RollbackStarted(reason, Optional.empty(), false));
      rollback = removeFailed.run(d.name());
    } else if (!store.hasPrevious()) {
      rollback =
          new RollbackReport(
              RollbackReport.Kind.NOTHING_TO_RESTORE,
              false,
              Optional.empty(),
              Optional.empty(),
              List.of(),
              Optional.empty(),
              Map.of(),
              Optional.of(
                  "the failed state "
                      + StowLabels.hashValue(d.hash())
                      + " is the running snapshot; there is nothing older on disk to restore"));
    } else {
      rollback = rollbackToPrevious(reason, false);
    }
    rec.rollback(rollback);
    prune();
    ReconcileStatus status =
        rollback.succeeded()
            ? ReconcileStatus.FAILED_ROLLED_BACK
            : ReconcileStatus.FAILED_ROLLBACK_FAILED;
    String message =
        "deployment '"
            + d.name()
            + "' "
            + StowLabels.hashValue(d.hash())
            + " failed: "
            + reason
            + "; "
            + rollbackSummary(rollback, d.name());
    return new ReconcileException(message, rec.build(status), cause);
  }

  // ---- rollback: restore previous, load, inspect, plan, pull, apply, verify ----

  /** Rolls the host back to {@code running-config.previous}; never throws. */
  RollbackReport rollbackToPrevious(String reason, boolean recovery) {
    Optional<String> target = Optional.empty();
    Plan rollbackPlan = null;
    List<ContainerOutcome> outcomes = new ArrayList<>();
    VerificationReport verification = null;
    try {
      target = store.previous().map(SnapshotInfo::deploymentHash);
      rec.emit(new ReconcileEvent.RollbackStarted(reason, target, recovery));
      SnapshotInfo previous = rec.step("rollback.restore", restorePrevious::run);
      Descriptor descriptor = rec.step("rollback.load", () -> load.run(previous.dir()));
      Plan p = planAgainstHost(descriptor, previous.deploymentHash(), "rollback.");
      rollbackPlan = p;
      Map<String, ContainerCreateRequest> requests =
          rec.step(
              "rollback.prepare", () -> prepare.run(descriptor, p, previous.dir(), previous.dir()));
      rec.step(
          "rollback.pull",
          () -> {
            pull.run(p);
            return null;
          });
      rec.step(
          "rollback.apply",
          () -> {
            apply.run(descriptor, p, requests, outcomes::add);
            return null;
          });
      verification =
          rec.step("rollback.verify", () -> verify.run(descriptor, previous.deploymentHash()));
      Optional<String> error =
          verification.passed()
              ? Optional.empty()
              : Optional.of("the restored deployment " + verificationFailure(verification));
      return new RollbackReport(
          RollbackReport.Kind.RESTORE_PREVIOUS,
          verification.passed(),
          target,
          Optional.of(p),
          outcomes,
          Optional.of(verification),
          Map.of(),
          error);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return new RollbackReport(
          RollbackReport.Kind.RESTORE_PREVIOUS,
          false,
          target,
          Optional.ofNullable(rollbackPlan),
          outcomes,
          Optional.ofNullable(verification),
          Map.of(),
          Optional.of(describe(e)));
    }
  }

  /** Recovery mode: with the lock held, rolls back an apply that an earlier run left open. */
  ReconcileReport recover() {
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
      throw failBeforeChanges(e);
    }
    try {
      recoverIfInterrupted();
      return rec.build(ReconcileStatus.SUCCEEDED);
    } finally {
      closeQuietly(lock);
    }
  }

  /** Whether there is an interrupted apply to recover from (read only). */
  boolean interruptedApplyFound() {
    return store.hasPrevious();
  }

  private void recoverIfInterrupted() {
    if (!store.hasPrevious()) {
      return;
    }
    String reason = "found " + store.previousLink() + ": an earlier apply did not finish";
    rec.warn(reason + "; rolling back to it first");
    RollbackReport recovery = rollbackToPrevious(reason, true);
    rec.recovery(recovery);
    if (!recovery.succeeded()) {
      String message =
          reason
              + "; ROLLBACK FAILED: "
              + recovery.error().orElse("unknown")
              + "; "
              + operatorHint("");
      rec.failure(message);
      throw new ReconcileException(
          message, rec.build(ReconcileStatus.FAILED_ROLLBACK_FAILED), null);
    }
    prune();
  }

  // ---- shared step lists ----

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

  private Plan planAgainstHost(Descriptor descriptor, String deploymentHash, String prefix)
      throws Exception {
    List<ContainerState> observed =
        rec.step(prefix + "inspect", () -> inspect.run(descriptor.deployment().name()));
    Plan p = rec.step(prefix + "plan", () -> plan.run(descriptor, deploymentHash, observed));
    if (prefix.isEmpty()) {
      rec.plan(p);
    }
    rec.emit(new ReconcileEvent.PlanReady(p, !prefix.isEmpty()));
    rec.step(
        prefix + "check-ownership",
        () -> {
          ownership.run(p);
          return null;
        });
    return p;
  }

  private boolean isRunning(Desired d) {
    return d.running().map(r -> r.deploymentHash().equals(d.hash())).orElse(false);
  }

  private Path snapshotDir(Desired d) {
    return store.snapshotDir(d.hash());
  }

  private void prune() {
    try {
      store.prune(ctx.snapshotsToKeep());
    } catch (IOException | RuntimeException e) {
      rec.warn("cannot prune old snapshots in " + store.snapshotsDir() + ": " + e.getMessage());
    }
  }

  private ReconcileException failBeforeChanges(Exception e) {
    if (e instanceof ReconcileException r) {
      return r;
    }
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    String reason = describe(e);
    rec.failure(reason);
    return new ReconcileException(
        reason + "; nothing on the host was changed",
        rec.build(ReconcileStatus.FAILED_BEFORE_CHANGES),
        e);
  }

  private String rollbackSummary(RollbackReport rollback, String name) {
    if (!rollback.succeeded()) {
      return "ROLLBACK FAILED ("
          + rollback.kind().label()
          + "): "
          + rollback.error().orElse("unknown")
          + "; "
          + operatorHint(name);
    }
    return switch (rollback.kind()) {
      case RESTORE_PREVIOUS ->
          "rolled back to "
              + rollback.targetHash().map(StowLabels::hashValue).orElse("the previous snapshot")
              + ", which passed verification";
      case REMOVE_FAILED_CONTAINERS ->
          "there was no previous deployment: its containers were removed (their last log lines"
              + " are in the report)";
      case NOTHING_TO_RESTORE -> "nothing was rolled back";
    };
  }

  private String operatorHint(String name) {
    return "the host needs an operator: check `docker ps -a"
        + (name.isEmpty() ? "" : " --filter label=" + StowLabels.DEPLOYMENT + "=" + name)
        + "` and "
        + store.runningConfig();
  }

  private static String verificationFailure(VerificationReport v) {
    return "did not stay valid for "
        + v.stable().toSeconds()
        + "s within "
        + v.timeout().toSeconds()
        + "s: "
        + (v.lastProblems().isEmpty()
            ? "not stable long enough"
            : String.join("; ", v.lastProblems()));
  }

  static String describe(Throwable e) {
    if (e instanceof StepFailure
        || e instanceof SourceException
        || e instanceof StateLockedException
        || e instanceof DockerOperationException
        || e instanceof SopsException) {
      return e.getMessage();
    }
    if (e instanceof NoSuchFileException n) {
      return "no such file: "
          + n.getFile()
          + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
    }
    if (e instanceof IOException) {
      return "I/O error: " + e.getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static void closeQuietly(StateLock lock) {
    try {
      lock.close();
    } catch (IOException e) {
      // the OS releases the lock when the process exits
    }
  }
}
