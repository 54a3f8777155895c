package io.stow.engine.steps;

import io.stow.engine.StepName;
import io.stow.engine.state.SnapshotStore;
import io.stow.engine.state.StateLock;
import java.io.IOException;

/** Sets up the state root and takes its lock; the caller closes the lock when the run ends. */
final class LockStep implements Step<Void, StateLock> {

  private final SnapshotStore store;

  LockStep(SnapshotStore store) {
    this.store = store;
  }

  @Override
  public StepName name() {
    return StepName.LOCK;
  }

  @Override
  public StateLock run(Void none) throws IOException {
    store.initialise();
    return store.lock();
  }
}
