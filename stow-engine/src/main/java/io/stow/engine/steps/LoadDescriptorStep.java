package io.stow.engine.steps;

import io.stow.engine.DescriptorLoader;
import io.stow.engine.StepName;
import io.stow.hash.DeploymentHasher;
import io.stow.model.Descriptor;
import java.io.IOException;
import java.nio.file.Path;

/** Loads and validates {@code stow.yaml} from a deployment folder. */
final class LoadDescriptorStep implements Step<Path, Descriptor> {

  private final DescriptorLoader loader;

  LoadDescriptorStep(DescriptorLoader loader) {
    this.loader = loader;
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
      descriptor = loader.load(file);
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
