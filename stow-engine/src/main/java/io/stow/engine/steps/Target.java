package io.stow.engine.steps;

import io.stow.model.Descriptor;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A deployment to converge the host to: the desired state of a reconcile, or the previous snapshot
 * of a rollback.
 *
 * @param deploymentHash the deployment hash the containers are labelled with (hex, no {@code v1:})
 * @param folder where its files are read (the staging directory, or the snapshot itself)
 * @param snapshotDir the snapshot directory that relative volume sources point into
 */
record Target(Descriptor descriptor, String deploymentHash, Path folder, Path snapshotDir) {

  Target {
    Objects.requireNonNull(descriptor, "descriptor");
    Objects.requireNonNull(deploymentHash, "deploymentHash");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(snapshotDir, "snapshotDir");
  }

  String deploymentName() {
    return descriptor.deployment().name();
  }
}
