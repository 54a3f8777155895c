package io.stow.engine.steps;

import io.stow.engine.state.SnapshotInfo;
import io.stow.model.DeploymentHashes;
import io.stow.model.Descriptor;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * The desired state after staging, decryption, hashing and loading, with the snapshot that runs now
 * (if any) for the same deployment.
 *
 * @param folder the staging directory that holds it
 */
record Desired(
    Path folder,
    String revision,
    Set<String> secretFiles,
    DeploymentHashes hashes,
    Descriptor descriptor,
    Optional<SnapshotInfo> running) {

  String hash() {
    return hashes.deploymentHash();
  }

  String name() {
    return descriptor.deployment().name();
  }

  /** Whether the running snapshot already has this deployment hash. */
  boolean isRunning() {
    return running.map(r -> r.deploymentHash().equals(hash())).orElse(false);
  }

  /** What to converge the host to: read from staging, volumes pointing into its snapshot. */
  Target target(Path snapshotDir) {
    return new Target(descriptor, hash(), folder, snapshotDir);
  }
}
