package io.stow.engine;

import io.stow.engine.render.RedactedDescriptor;
import io.stow.engine.state.SnapshotInfo;
import io.stow.engine.state.SnapshotMetadata;
import io.stow.engine.state.SnapshotStore;
import io.stow.model.DeploymentHashes;
import io.stow.model.Descriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Rotates the snapshot: the staged folder becomes {@code .stow/snapshots/<deployment_hash>} with
 * its metadata, {@code running-config} points at it and {@code running-config.previous} at the
 * snapshot that ran before.
 */
final class SnapshotStep {

  private final SnapshotStore store;
  private final Clock clock;

  SnapshotStep(SnapshotStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  SnapshotInfo run(
      Path staging,
      Descriptor desired,
      String revision,
      DeploymentHashes hashes,
      Set<String> secretFiles)
      throws IOException {
    SnapshotMetadata metadata =
        new SnapshotMetadata(
            desired.deployment().name(),
            revision,
            hashes,
            List.copyOf(secretFiles),
            clock.instant());
    return store.promote(staging, metadata, RedactedDescriptor.of(desired).toYaml());
  }
}
