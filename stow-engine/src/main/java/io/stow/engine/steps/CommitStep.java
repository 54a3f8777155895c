package io.stow.engine.steps;

import io.stow.engine.StepName;
import io.stow.engine.state.SnapshotStore;
import java.io.IOException;

/** Ends an apply that verified: {@code running-config.previous} and the first-apply mark go. */
final class CommitStep implements Step<Void, Void> {

  private final SnapshotStore store;

  CommitStep(SnapshotStore store) {
    this.store = store;
  }

  @Override
  public StepName name() {
    return StepName.COMMIT;
  }

  @Override
  public Void run(Void none) throws IOException {
    store.commit();
    return null;
  }
}
