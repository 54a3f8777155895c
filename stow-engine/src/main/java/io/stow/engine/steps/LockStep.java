package io.stow.engine.steps;

import io.stow.engine.StepName;
import io.stow.engine.state.SnapshotStore;
import io.stow.engine.state.StateLock;
import java.io.IOException;

/** Sets up the state root and takes its lock; the caller closes the lock when the run ends. */
final class LockStep implements Step<Void, StateLock> {

  private final SnapshotStore store;
  private final RunRecorder rec;

  LockStep(SnapshotStore store, RunRecorder rec) {
    this.store = store;
    this.rec = rec;
  }

  @Override
  public StepName name() {
    return StepName.LOCK;
  }

  @Override
  public StateLock run(Void none) throws IOException {
    store.initialise();
    StateLock lock = store.lock();
    lock.takeover().ifPresent(rec::warn);
    return lock;
  }
}
