package io.stow.cli;

import io.stow.engine.FolderReferences;
import io.stow.model.Descriptor;
import io.stow.model.Dotenv;
import io.stow.model.parse.ComposeParser;
import io.stow.model.parse.DescriptorParser;
import io.stow.model.parse.ManifestFiles;
import io.stow.model.parse.ParsedDescriptor;
import io.stow.sops.SecretDecryptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code stow validate DIR [--profile P]...}: checks a deployment folder's stow.yaml or Compose
 * file and the files it names, as the reconcile would: a symbolic link is refused (never followed),
 * warnings (keys the original tool ignores, unset variables) are printed with their position and do
 * not fail the check. A Compose file is read with the folder's {@code .env}; when that is
 * SOPS-encrypted, the key options decrypt it in memory.
 */
final class ValidateCommand implements Command {

  private final CliComposition composition;
  private OptionSpec<String> profile;
  private KeyOptions keys;

  ValidateCommand(CliComposition composition) {
    this.composition = composition;
  }

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
    return "check DIR/stow.yaml or its Compose file (every problem with its line and column) and"
        + " the files it names";
  }

  @Override
  public void declare(OptionParser parser) {
    profile =
        parser
            .accepts("profile", "a Compose profile this host runs; repeatable")
            .withRequiredArg()
            .describedAs("P");
    keys = new KeyOptions(parser);
  }

  @Override
  public int run(OptionSet options, Console console) {
    Path dir = Arguments.singleDirectory(options);
    Optional<String> manifest = ManifestFiles.find(dir);
    Path file = dir.resolve(manifest.orElse(ManifestFiles.STOW_YAML));
    boolean compose = manifest.filter(ManifestFiles::isCompose).isPresent();
    if (!compose && options.has(profile)) {
      throw new UsageException("--profile is for Compose files; " + file + " is stow.yaml");
    }
    ParsedDescriptor parsed =
        compose
            ? readCompose(dir, file, new LinkedHashSet<>(options.valuesOf(profile)), options)
            : DescriptorParser.read(file);
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
            "%s is valid: deployment %s, %d container%s, %d network%s%s%n",
            file,
            descriptor.deployment().name(),
            descriptor.containers().size(),
            descriptor.containers().size() == 1 ? "" : "s",
            descriptor.networks().size(),
            descriptor.networks().size() == 1 ? "" : "s",
            descriptor.volumes().isEmpty()
                ? ""
                : ", "
                    + descriptor.volumes().size()
                    + " volume"
                    + (descriptor.volumes().size() == 1 ? "" : "s"));
    return StowCli.OK;
  }

  /** Reads a Compose file with its {@code .env}, decrypted in memory when it is a SOPS file. */
  private ParsedDescriptor readCompose(
      Path dir, Path file, Set<String> profiles, OptionSet options) {
    ComposeParser.Options settings =
        new ComposeParser.Options(
            dir.toAbsolutePath().normalize().getFileName().toString(), profiles);
    Path dotenv = dir.resolve(ComposeParser.DOTENV);
    SecretDecryptor decryptor = keys.decryptor(options, composition.environment());
    try {
      if (Files.isRegularFile(dotenv, LinkOption.NOFOLLOW_LINKS) && decryptor.isSopsFile(dotenv)) {
        String plain = new String(decryptor.decrypt(dotenv), StandardCharsets.UTF_8);
        return ComposeParser.read(file, Dotenv.parse(plain, dotenv.toString()), settings);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decrypt " + dotenv + ": " + e.getMessage(), e);
    }
    return ComposeParser.read(file, settings);
  }
}
