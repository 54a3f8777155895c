package io.stow.engine;

import io.stow.engine.state.SnapshotInfo;
import io.stow.engine.state.SnapshotStore;
import java.io.IOException;

/** Moves {@code running-config.previous} back to {@code running-config} (one atomic rename). */
final class RestorePreviousStep {

  private final SnapshotStore store;

  RestorePreviousStep(SnapshotStore store) {
    this.store = store;
  }

  SnapshotInfo run() throws IOException {
    return store.restorePrevious();
  }
}
