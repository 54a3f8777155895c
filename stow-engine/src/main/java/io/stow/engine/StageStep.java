package io.stow.engine;

import io.stow.engine.fs.PrivateFiles;
import io.stow.engine.source.DesiredStateSource;
import io.stow.hash.DeploymentHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** Resolves the desired revision and materialises it into an empty, private staging directory. */
final class StageStep {

  /** Returns the revision staged. */
  String run(DesiredStateSource source, Path staging) throws IOException {
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
