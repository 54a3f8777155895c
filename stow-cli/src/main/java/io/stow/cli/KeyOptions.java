package io.stow.cli;

import io.stow.sops.ExternalSopsDecryptor;
import io.stow.sops.SecretDecryptor;
import io.stow.sops.SopsDecryptor;
import io.stow.sops.SopsKeys;
import java.nio.file.Path;
import java.util.Map;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * The SOPS options shared by commands that decrypt: {@code --age-key-file} and {@code
 * --pgp-key-file}, added to what {@code SOPS_AGE_KEY_FILE} and {@code SOPS_AGE_KEY} provide, and
 * {@code --sops-binary} to delegate to an external {@code sops} (for KMS and other key services).
 */
final class KeyOptions {

  private final OptionSpec<String> ageKeyFile;
  private final OptionSpec<String> pgpKeyFile;
  private final OptionSpec<String> sopsBinary;

  KeyOptions(OptionParser parser) {
    ageKeyFile =
        parser
            .accepts("age-key-file", "age identities file (like SOPS_AGE_KEY_FILE); repeatable")
            .withRequiredArg()
            .describedAs("F");
    pgpKeyFile =
        parser
            .accepts("pgp-key-file", "armored PGP secret key file; repeatable")
            .withRequiredArg()
            .describedAs("F");
    sopsBinary =
        parser
            .accepts("sops-binary", "decrypt with this sops executable instead of natively")
            .withRequiredArg()
            .describedAs("PATH");
  }

  /** Whether any of these options was given. */
  boolean given(OptionSet options) {
    return options.has(ageKeyFile) || options.has(pgpKeyFile) || options.has(sopsBinary);
  }

  /**
   * The native decryptor, or the external {@code sops} when {@code --sops-binary} is given.
   *
   * @throws UsageException for {@code --pgp-key-file} with {@code --sops-binary}: sops would ignore
   *     the key file
   */
  SecretDecryptor decryptor(OptionSet options, Map<String, String> environment) {
    if (options.has(sopsBinary) && options.has(pgpKeyFile)) {
      throw new UsageException(
          "--pgp-key-file cannot be used with --sops-binary: sops reads PGP keys only from the"
              + " GnuPG keyring, so import the key there (gpg --import; GNUPGHOME selects the"
              + " keyring), or leave out --sops-binary to decrypt natively");
    }
    SopsKeys keys = keys(options, environment);
    return options.has(sopsBinary)
        ? new ExternalSopsDecryptor(Path.of(options.valueOf(sopsBinary)), keys)
        : new SopsDecryptor(keys);
  }

  private SopsKeys keys(OptionSet options, Map<String, String> environment) {
    SopsKeys keys = SopsKeys.fromEnvironment(environment);
    for (String file : options.valuesOf(ageKeyFile)) {
      keys = keys.withAgeKeyFile(Path.of(file));
    }
    for (String file : options.valuesOf(pgpKeyFile)) {
      keys = keys.withPgpKeyFile(Path.of(file));
    }
    return keys;
  }
}
