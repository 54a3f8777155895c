package io.stow.engine.steps;

import io.stow.engine.StepName;
import io.stow.engine.render.RedactedDescriptor;
import io.stow.engine.state.SnapshotInfo;
import io.stow.engine.state.SnapshotMetadata;
import io.stow.engine.state.SnapshotStore;
import java.io.IOException;
import java.time.Clock;
import java.util.List;

/**
 * Rotates the snapshot: the staged folder becomes {@code .stow/snapshots/<deployment_hash>} with
 * its metadata, {@code running-config} points at it and {@code running-config.previous} at the
 * snapshot that ran before.
 */
final class SnapshotStep implements Step<Desired, SnapshotInfo> {

  private final SnapshotStore store;
  private final Clock clock;

  SnapshotStep(SnapshotStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public StepName name() {
    return StepName.SNAPSHOT;
  }

  @Override
  public SnapshotInfo run(Desired desired) throws IOException {
    SnapshotMetadata metadata =
        new SnapshotMetadata(
            desired.name(),
            desired.revision(),
            desired.hashes(),
            List.copyOf(desired.secretFiles()),
            clock.instant());
    return store.promote(
        desired.folder(), metadata, RedactedDescriptor.of(desired.descriptor()).toYaml());
  }
}
