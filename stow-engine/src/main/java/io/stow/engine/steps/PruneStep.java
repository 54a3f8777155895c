package io.stow.engine.steps;

import io.stow.engine.state.SnapshotStore;
import java.io.IOException;

/**
 * Deletes the snapshots beyond the number to keep. The run's outcome is already decided when this
 * runs, so a failure is only a warning.
 */
final class PruneStep {

  private final SnapshotStore store;
  private final RunRecorder rec;
  private final int keep;

  PruneStep(SnapshotStore store, RunRecorder rec, int keep) {
    this.store = store;
    this.rec = rec;
    this.keep = keep;
  }

  void run() {
    try {
      store.prune(keep);
    } catch (IOException | RuntimeException e) {
      rec.warn("cannot prune old snapshots in " + store.snapshotsDir() + ": " + e.getMessage());
    }
  }
}
