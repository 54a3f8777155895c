package io.stow.sops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The private keys native decryption may use: age identity files (such as {@code /root/keys.txt}),
 * age identities given inline, and armored PGP secret key files. {@link #toString()} never shows an
 * inline identity.
 *
 * @param ageKeyFiles files of age identities, one per line; {@code #} comments and blank lines
 *     allowed
 * @param ageKeys inline age identities, each string holding one or more lines as in a key file
 * @param pgpKeyFiles armored PGP secret key files without passphrase
 */
public record SopsKeys(List<Path> ageKeyFiles, List<String> ageKeys, List<Path> pgpKeyFiles) {

  /** The variable naming an age identity file, as sops reads it. */
  public static final String SOPS_AGE_KEY_FILE = "SOPS_AGE_KEY_FILE";

  /** The variable holding age identities inline, as sops reads it. */
  public static final String SOPS_AGE_KEY = "SOPS_AGE_KEY";

  public SopsKeys {
    ageKeyFiles = List.copyOf(ageKeyFiles);
    ageKeys = List.copyOf(ageKeys);
    pgpKeyFiles = List.copyOf(pgpKeyFiles);
  }

  /** No keys: every decryption fails with a message saying which keys the file needs. */
  public static SopsKeys none() {
    return new SopsKeys(List.of(), List.of(), List.of());
  }

  /** Keys from {@code SOPS_AGE_KEY_FILE} and {@code SOPS_AGE_KEY}, e.g. {@code System.getenv()}. */
  public static SopsKeys fromEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    SopsKeys keys = none();
    String file = environment.get(SOPS_AGE_KEY_FILE);
    if (file != null && !file.isBlank()) {
      keys = keys.withAgeKeyFile(Path.of(file));
    }
    String inline = environment.get(SOPS_AGE_KEY);
    if (inline != null && !inline.isBlank()) {
      keys = keys.withAgeKey(inline);
    }
    return keys;
  }

  /** These keys plus an age identity file. */
  public SopsKeys withAgeKeyFile(Path file) {
    return new SopsKeys(plus(ageKeyFiles, file), ageKeys, pgpKeyFiles);
  }

  /** These keys plus inline age identities. */
  public SopsKeys withAgeKey(String identities) {
    return new SopsKeys(ageKeyFiles, plus(ageKeys, identities), pgpKeyFiles);
  }

  /** These keys plus an armored PGP secret key file. */
  public SopsKeys withPgpKeyFile(Path file) {
    return new SopsKeys(ageKeyFiles, ageKeys, plus(pgpKeyFiles, file));
  }

  /** Whether no key at all is configured. */
  public boolean isEmpty() {
    return ageKeyFiles.isEmpty() && ageKeys.isEmpty() && pgpKeyFiles.isEmpty();
  }

  private static <T> List<T> plus(List<T> list, T item) {
    List<T> out = new ArrayList<>(list);
    out.add(Objects.requireNonNull(item));
    return out;
  }

  @Override
  public String toString() {
    return "SopsKeys[ageKeyFiles="
        + ageKeyFiles
        + ", ageKeys=<"
        + ageKeys.size()
        + " inline, redacted>, pgpKeyFiles="
        + pgpKeyFiles
        + "]";
  }
}
