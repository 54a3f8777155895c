package io.stow.engine;

import io.stow.model.DeploymentHashes;
import java.util.Objects;

/**
 * What a source's revision would deploy: the revision (a Git commit, or {@code local}) and the
 * hashes of its decrypted folder. Holds hashes only, never content.
 */
public record ResolvedRevision(String revision, DeploymentHashes hashes) {

  public ResolvedRevision {
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(hashes, "hashes");
  }

  public String deploymentHash() {
    return hashes.deploymentHash();
  }
}
