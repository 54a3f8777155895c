package io.stow.engine.steps;

import io.stow.engine.StepName;
import io.stow.engine.fs.PrivateFiles;
import io.stow.engine.source.DesiredStateSource;
import io.stow.hash.DeploymentHasher;
import io.stow.model.parse.DescriptorException;
import io.stow.model.parse.ManifestFiles;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** Resolves the desired revision and materialises it into an empty, private staging directory. */
final class StageStep implements Step<StageStep.Input, String> {

  /** What to stage, and where; {@code revision} when this run resolved it already. */
  record Input(DesiredStateSource source, Path staging, Optional<String> revision) {

    Input(DesiredStateSource source, Path staging) {
      this(source, staging, Optional.empty());
    }
  }

  /**
   * Resolves the revision only, for a run that may find it runs already (see {@link RunMemory}).
   */
  static final class Resolve implements Step<DesiredStateSource, String> {

    @Override
    public StepName name() {
      return StepName.STAGE;
    }

    @Override
    public String run(DesiredStateSource source) throws Exception {
      return source.resolveRevision();
    }
  }

  @Override
  public StepName name() {
    return StepName.STAGE;
  }

  /** Returns the revision staged. */
  @Override
  public String run(Input input) throws Exception {
    DesiredStateSource source = input.source();
    Path staging = input.staging();
    String revision =
        input.revision().isPresent() ? input.revision().get() : source.resolveRevision();
    source.materialise(revision, staging);
    PrivateFiles.restrictTree(staging);
    Optional<String> manifest;
    try {
      manifest = ManifestFiles.find(staging);
    } catch (DescriptorException e) {
      throw new StepFailure(
          source.describe() + " (revision " + revision + "): " + e.problems().get(0).message(), e);
    }
    if (manifest.isEmpty()
        || !Files.isRegularFile(staging.resolve(manifest.get()), LinkOption.NOFOLLOW_LINKS)) {
      throw new StepFailure(
          "no "
              + (manifest.isEmpty() ? DeploymentHasher.MANIFEST : manifest.get())
              + " at the top of "
              + source.describe()
              + " (revision "
              + revision
              + "); every deployment folder needs "
              + ManifestFiles.expected());
    }
    return revision;
  }
}
