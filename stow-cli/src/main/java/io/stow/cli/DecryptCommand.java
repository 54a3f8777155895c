package io.stow.cli;

import io.stow.engine.fs.PrivateFiles;
import io.stow.model.FileOwnership;
import io.stow.sops.OutputType;
import io.stow.sops.SecretDecryptor;
import io.stow.sops.SopsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
            .accepts(
                "output",
                "write the plaintext to F (mode 0600, replaced atomically) instead of stdout")
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
    Path target = options.has(output) ? Path.of(options.valueOf(output)) : null;
    if (target != null && Files.isDirectory(target)) {
      throw new UsageException("--output " + target + " is a directory; give a file name");
    }
    SecretDecryptor decryptor = keys.decryptor(options, composition.environment());
    checkReadable(file);
    byte[] plaintext =
        decryptor
            .decryptIfSops(file, type)
            .orElseThrow(
                () -> new SopsException(file, "is not a SOPS file: it has no sops metadata block"));
    if (target != null) {
      // a temporary 0600 file beside the target, then an atomic move: never a partial file
      PrivateFiles.writeAtomically(target, plaintext);
    } else {
      console.out().write(plaintext);
      console.out().flush();
    }
    return StowCli.OK;
  }

  private void checkReadable(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
    if (Files.isDirectory(file)) {
      throw new SopsException(file, "is a directory; stow decrypt takes one SOPS file");
    }
    if (!composition.isReadable(file)) {
      throw new SopsException(file, "permission denied: " + FileOwnership.describe(file));
    }
  }
}
