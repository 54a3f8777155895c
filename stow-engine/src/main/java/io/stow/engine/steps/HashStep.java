package io.stow.engine.steps;

import io.stow.engine.StepName;
import io.stow.hash.DeploymentHasher;
import io.stow.model.DeploymentHashes;
import java.nio.file.Path;
import java.util.Set;

/** Computes the four hashes of the staged (decrypted) deployment folder. */
final class HashStep implements Step<HashStep.Input, DeploymentHashes> {

  /** The staged folder and the relative paths of its decrypted secret files. */
  record Input(Path folder, Set<String> secretFiles) {}

  @Override
  public StepName name() {
    return StepName.HASH;
  }

  @Override
  public DeploymentHashes run(Input input) throws Exception {
    return DeploymentHasher.hash(input.folder(), input.secretFiles());
  }
}
