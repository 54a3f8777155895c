package io.stow.cli;

import io.stow.engine.FolderReferences;
import io.stow.model.Descriptor;
import io.stow.model.parse.DescriptorParser;
import io.stow.model.parse.ParsedDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import joptsimple.OptionParser;
import joptsimple.OptionSet;

/**
 * {@code stow validate DIR}: checks a deployment folder's stow.yaml and the files it names, as the
 * reconcile would: a symbolic link is refused (never followed), warnings (keys the original tool
 * ignores) are printed with their position and do not fail the check.
 */
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
    ParsedDescriptor parsed = DescriptorParser.read(file);
    parsed.warnings().forEach(warning -> console.err().println("warning: " + warning));
    Descriptor descriptor = parsed.descriptor();
    List<String> missing = new ArrayList<>();
    try {
      missing.addAll(FolderReferences.unsupportedFiles(dir));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the deployment folder " + dir, e);
    }
    missing.addAll(FolderReferences.problems(descriptor, dir));
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
