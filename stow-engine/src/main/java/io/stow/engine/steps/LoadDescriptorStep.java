package io.stow.engine.steps;

import io.stow.engine.DescriptorLoader;
import io.stow.engine.StepName;
import io.stow.engine.state.SnapshotInfo;
import io.stow.model.Descriptor;
import io.stow.model.parse.ComposeParser;
import io.stow.model.parse.DescriptorException;
import io.stow.model.parse.ManifestFiles;
import io.stow.model.parse.ParsedDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Loads and validates a deployment folder's manifest: {@code stow.yaml}, or a Compose file read
 * with the folder's {@code .env} and the host's Compose profiles. Its warnings (keys the original
 * tool ignores, unset variables, with file:line:col) go to the run's report.
 */
final class LoadDescriptorStep implements Step<LoadDescriptorStep.Input, Descriptor> {

  /**
   * A folder and its own name: a staged or snapshot copy has another name, so the source's (or the
   * running snapshot's deployment name) is passed, for a Compose project without {@code name:}.
   */
  record Input(Path folder, String folderName, Optional<SnapshotInfo> snapshot) {

    /** A staged folder, read afresh every time. */
    Input(Path folder, String folderName) {
      this(folder, folderName, Optional.empty());
    }

    /**
     * The running snapshot's folder: read once, then from memory while its manifest is the same.
     */
    static Input snapshot(SnapshotInfo running) {
      return new Input(running.dir(), running.deploymentName().orElse(""), Optional.of(running));
    }
  }

  private final DescriptorLoader loader;
  private final Consumer<String> warnings;
  private final Set<String> composeProfiles;
  private final RunMemory memory;

  LoadDescriptorStep(
      DescriptorLoader loader,
      Consumer<String> warnings,
      Set<String> composeProfiles,
      RunMemory memory) {
    this.loader = loader;
    this.warnings = warnings;
    this.composeProfiles = composeProfiles;
    this.memory = memory;
  }

  @Override
  public StepName name() {
    return StepName.LOAD;
  }

  @Override
  public Descriptor run(Input input) throws IOException {
    Optional<RunMemory.Loaded> remembered = input.snapshot().flatMap(memory::descriptorOf);
    if (remembered.isPresent()) {
      remembered.get().warnings().forEach(warnings);
      return remembered.get().descriptor();
    }
    Path folder = input.folder();
    String manifest;
    try {
      Optional<String> found = ManifestFiles.find(folder);
      manifest = found.orElse(ManifestFiles.STOW_YAML);
    } catch (DescriptorException e) {
      throw new StepFailure(e.getMessage(), e);
    }
    Path file = folder.resolve(manifest);
    Descriptor descriptor;
    List<String> given = List.of();
    try {
      ParsedDescriptor parsed =
          ManifestFiles.isCompose(manifest)
              ? loader.readCompose(
                  file, new ComposeParser.Options(input.folderName(), composeProfiles))
              : loader.read(file);
      descriptor = parsed == null ? null : parsed.descriptor();
      if (parsed != null) {
        given = parsed.warnings().stream().map(Object::toString).toList();
        given.forEach(warnings);
      }
    } catch (StepFailure e) {
      throw e;
    } catch (RuntimeException e) {
      // the parser's message names file, YAML path and line:col
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new StepFailure("invalid " + manifest + ": " + message, e);
    }
    if (descriptor == null) {
      throw new StepFailure("the descriptor loader returned nothing for " + file);
    }
    Descriptor read = descriptor;
    List<String> readWarnings = given;
    input.snapshot().ifPresent(running -> memory.loaded(running, file, read, readWarnings));
    return descriptor;
  }
}
