package io.stow.engine.steps;

import io.stow.engine.DescriptorLoader;
import io.stow.engine.StepName;
import io.stow.hash.DeploymentHasher;
import io.stow.model.Descriptor;
import io.stow.model.parse.ParsedDescriptor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Loads and validates {@code stow.yaml} from a deployment folder; its warnings (keys the original
 * tool ignores, with file:line:col) go to the run's report.
 */
final class LoadDescriptorStep implements Step<Path, Descriptor> {

  private final DescriptorLoader loader;
  private final Consumer<String> warnings;

  LoadDescriptorStep(DescriptorLoader loader, Consumer<String> warnings) {
    this.loader = loader;
    this.warnings = warnings;
  }

  @Override
  public StepName name() {
    return StepName.LOAD;
  }

  @Override
  public Descriptor run(Path folder) throws IOException {
    Path file = folder.resolve(DeploymentHasher.MANIFEST);
    Descriptor descriptor;
    try {
      ParsedDescriptor parsed = loader.read(file);
      descriptor = parsed == null ? null : parsed.descriptor();
      if (parsed != null) {
        parsed.warnings().forEach(w -> warnings.accept(w.toString()));
      }
    } catch (StepFailure e) {
      throw e;
    } catch (RuntimeException e) {
      // the parser's message names file, YAML path and line:col
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new StepFailure("invalid " + DeploymentHasher.MANIFEST + ": " + message, e);
    }
    if (descriptor == null) {
      throw new StepFailure("the descriptor loader returned nothing for " + file);
    }
    return descriptor;
  }
}
