package io.stow.engine.steps;

import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.plan.Plan;
import io.stow.engine.state.SnapshotInfo;
import io.stow.engine.state.SnapshotStore;
import io.stow.model.Descriptor;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A no-op found without the state lock, so that a poll or trigger that finds nothing to do writes
 * nothing to disk: no apply is open, the running snapshot is one the caller accepts, and its plan
 * (its descriptor read once, see {@link RunMemory}) against one container list changes nothing.
 * Internal to {@link StepsRunner}.
 */
final class RunningNoop {

  private final SnapshotStore store;
  private final RunRecorder rec;
  private final Steps steps;
  private final RunMemory memory;

  RunningNoop(SnapshotStore store, RunRecorder rec, Steps steps, RunMemory memory) {
    this.store = store;
    this.rec = rec;
    this.steps = steps;
    this.memory = memory;
  }

  /**
   * The run's report when the running snapshot, if {@code applies} accepts it, is a no-op. Empty
   * when the locked path must decide, which also reports anything that went wrong here, such as
   * Docker not answering.
   */
  Optional<ReconcileReport> find(Predicate<SnapshotInfo> applies) {
    try {
      if (interruptedApplyFound()) {
        return Optional.empty();
      }
      Optional<SnapshotInfo> current = store.current();
      if (current.isEmpty() || !applies.test(current.get())) {
        return Optional.empty();
      }
      SnapshotInfo running = current.get();
      Descriptor descriptor = rec.step(steps.load, LoadDescriptorStep.Input.snapshot(running));
      Target target =
          new Target(descriptor, running.deploymentHash(), running.dir(), running.dir());
      Plan plan = rec.step(steps.plan, target);
      if (!plan.isNoop()) {
        return Optional.empty();
      }
      running.revision().ifPresent(rec::revision);
      rec.runningHash(running.deploymentHash());
      rec.deploymentName(descriptor.deployment().name());
      rec.desired(memory.redacted(descriptor));
      rec.plan(plan);
      rec.emit(new ReconcileEvent.PlanReady(plan, false));
      return Optional.of(rec.build(ReconcileStatus.SUCCEEDED));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** Whether an earlier run left an apply open (read only). */
  boolean interruptedApplyFound() {
    try {
      return store.hasPrevious() || store.openFirstApply().isPresent();
    } catch (IOException e) {
      return true; // the recovery run reports why the marker cannot be read
    }
  }
}
