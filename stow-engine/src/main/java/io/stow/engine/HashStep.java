package io.stow.engine;

import io.stow.hash.DeploymentHasher;
import io.stow.model.DeploymentHashes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

/** Computes the four hashes of the staged (decrypted) deployment folder. */
final class HashStep {

  DeploymentHashes run(Path staging, Set<String> secretFiles) throws IOException {
    return DeploymentHasher.hash(staging, secretFiles);
  }
}
