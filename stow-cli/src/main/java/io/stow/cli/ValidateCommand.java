package io.stow.cli;

import io.stow.engine.FolderReferences;
import io.stow.model.Descriptor;
import io.stow.model.parse.DescriptorParser;
import java.nio.file.Path;
import java.util.List;
import joptsimple.OptionParser;
import joptsimple.OptionSet;

/** {@code stow validate DIR}: checks a deployment folder's stow.yaml. */
final class ValidateCommand implements Command {

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String arguments() {
    return "DIR";
  }

  @Override
  public String summary() {
    return "check DIR/stow.yaml (every problem with its line and column) and the files it names";
  }

  @Override
  public void declare(OptionParser parser) {}

  @Override
  public int run(OptionSet options, Console console) {
    Path dir = Arguments.singleDirectory(options);
    Path file = dir.resolve("stow.yaml");
    Descriptor descriptor = DescriptorParser.parse(file);
    List<String> missing = FolderReferences.problems(descriptor, dir);
    if (!missing.isEmpty()) {
      missing.forEach(problem -> console.err().println("error: " + file + ": " + problem));
      return StowCli.FAILED;
    }
    console
        .out()
        .printf(
            "%s is valid: deployment %s, %d container%s, %d network%s%n",
            file,
            descriptor.deployment().name(),
            descriptor.containers().size(),
            descriptor.containers().size() == 1 ? "" : "s",
            descriptor.networks().size(),
            descriptor.networks().size() == 1 ? "" : "s");
    return StowCli.OK;
  }
}
