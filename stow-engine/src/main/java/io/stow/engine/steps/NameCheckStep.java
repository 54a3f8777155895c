package io.stow.engine.steps;

import io.stow.engine.StepName;
import io.stow.engine.state.SnapshotInfo;
import io.stow.engine.state.SnapshotStore;
import io.stow.model.Descriptor;
import java.io.IOException;
import java.util.Optional;

/**
 * Refuses to rename a deployment: {@code deployment.name} is immutable after the first successful
 * deployment on a host, since it is how stow finds the containers it manages.
 */
final class NameCheckStep implements Step<Descriptor, Optional<SnapshotInfo>> {

  private final SnapshotStore store;

  NameCheckStep(SnapshotStore store) {
    this.store = store;
  }

  @Override
  public StepName name() {
    return StepName.CHECK_NAME;
  }

  /** Returns the running snapshot, if any. */
  @Override
  public Optional<SnapshotInfo> run(Descriptor desired) throws IOException {
    Optional<SnapshotInfo> current = store.current();
    String wanted = desired.deployment().name();
    Optional<String> running = current.flatMap(SnapshotInfo::deploymentName);
    if (running.isPresent() && !running.get().equals(wanted)) {
      throw new StepFailure(
          "deployment.name is immutable after the first successful deployment on this host: "
              + store.runningConfig()
              + " runs '"
              + running.get()
              + "' but stow.yaml says '"
              + wanted
              + "'; set deployment.name back to '"
              + running.get()
              + "', or remove the old deployment's containers and "
              + store.runningConfig()
              + " by hand first");
    }
    return current;
  }
}
