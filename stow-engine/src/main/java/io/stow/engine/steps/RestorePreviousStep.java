package io.stow.engine.steps;

import io.stow.engine.StepName;
import io.stow.engine.state.SnapshotInfo;
import io.stow.engine.state.SnapshotStore;
import java.io.IOException;

/** Moves {@code running-config.previous} back to {@code running-config} (one atomic rename). */
final class RestorePreviousStep implements Step<Void, SnapshotInfo> {

  private final SnapshotStore store;

  RestorePreviousStep(SnapshotStore store) {
    this.store = store;
  }

  @Override
  public StepName name() {
    return StepName.RESTORE;
  }

  @Override
  public SnapshotInfo run(Void none) throws IOException {
    return store.restorePrevious();
  }
}
