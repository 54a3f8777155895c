package io.stow.engine.state;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot as found on disk through {@code running-config} or {@code running-config.previous}.
 *
 * @param dir the snapshot directory the link resolves to
 * @param deploymentHash the content of {@code .config-sha256}
 * @param deploymentName the content of {@code .deployment-name}, when present
 * @param revision the content of {@code .git-revision}, when present
 */
public record SnapshotInfo(
    Path dir, String deploymentHash, Optional<String> deploymentName, Optional<String> revision) {

  public SnapshotInfo {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(deploymentHash, "deploymentHash");
    Objects.requireNonNull(deploymentName, "deploymentName");
    Objects.requireNonNull(revision, "revision");
  }
}
