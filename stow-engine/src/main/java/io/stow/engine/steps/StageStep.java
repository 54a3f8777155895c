package io.stow.engine.steps;

import io.stow.engine.StepName;
import io.stow.engine.fs.PrivateFiles;
import io.stow.engine.source.DesiredStateSource;
import io.stow.hash.DeploymentHasher;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Resolves the desired revision and materialises it into an empty, private staging directory. */
final class StageStep implements Step<StageStep.Input, String> {

  /** What to stage, and where. */
  record Input(DesiredStateSource source, Path staging) {}

  @Override
  public StepName name() {
    return StepName.STAGE;
  }

  /** Returns the revision staged. */
  @Override
  public String run(Input input) throws Exception {
    DesiredStateSource source = input.source();
    Path staging = input.staging();
    String revision = source.resolveRevision();
    source.materialise(revision, staging);
    PrivateFiles.restrictTree(staging);
    if (!Files.isRegularFile(
        staging.resolve(DeploymentHasher.MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
      throw new StepFailure(
          "no "
              + DeploymentHasher.MANIFEST
              + " at the top of "
              + source.describe()
              + " (revision "
              + revision
              + "); every deployment folder needs one");
    }
    return revision;
  }
}
