package io.stow.cli;

import io.stow.sops.OutputType;
import io.stow.sops.SecretDecryptor;
import io.stow.sops.SopsException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code stow decrypt FILE}: prints a SOPS file's plaintext like {@code sops decrypt}, to check
 * that this host's keys open the deployment's secrets.
 */
final class DecryptCommand implements Command {

  private final CliComposition composition;
  private KeyOptions keys;
  private OptionSpec<String> outputType;
  private OptionSpec<String> output;

  DecryptCommand(CliComposition composition) {
    this.composition = composition;
  }

  @Override
  public String name() {
    return "decrypt";
  }

  @Override
  public String arguments() {
    return "FILE";
  }

  @Override
  public String summary() {
    return "print the plaintext of a SOPS file, like 'sops decrypt' (checks this host's keys)";
  }

  @Override
  public void declare(OptionParser parser) {
    keys = new KeyOptions(parser);
    outputType =
        parser
            .accepts("output-type", "json prints the decrypted tree as JSON")
            .withRequiredArg()
            .describedAs("json");
    output =
        parser
            .accepts("output", "write the plaintext to F (mode 0600) instead of stdout")
            .withRequiredArg()
            .describedAs("F");
  }

  @Override
  public int run(OptionSet options, Console console) throws IOException {
    Path file = Path.of(Arguments.single(options, "FILE"));
    OutputType type = OutputType.NATIVE;
    if (options.has(outputType)) {
      if (!options.valueOf(outputType).equals("json")) {
        throw new UsageException("--output-type takes json, not " + options.valueOf(outputType));
      }
      type = OutputType.JSON;
    }
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString());
    }
    SecretDecryptor decryptor = keys.decryptor(options, composition.environment());
    if (!decryptor.isSopsFile(file)) {
      throw new SopsException(file, "is not a SOPS file: it has no sops metadata block");
    }
    byte[] plaintext = decryptor.decrypt(file, type);
    if (options.has(output)) {
      write(Path.of(options.valueOf(output)), plaintext);
    } else {
      console.out().write(plaintext);
      console.out().flush();
    }
    return StowCli.OK;
  }

  private static void write(Path target, byte[] plaintext) throws IOException {
    Files.deleteIfExists(target);
    Files.createFile(
        target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try (OutputStream out = Files.newOutputStream(target)) {
      out.write(plaintext);
    }
  }
}
