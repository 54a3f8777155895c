package io.stow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code stow decrypt} prints exactly what {@code sops decrypt} prints for sops' own fixtures. */
class DecryptCommandTest {

  @TempDir Path dir;

  /** The shared SOPS fixtures, or the test is skipped with a message saying where they belong. */
  private static Path fixtures() {
    String configured = System.getenv("STOW_SOPS_FIXTURES");
    Path root =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of("").toAbsolutePath().resolve("../../shared/fixtures/sops").normalize();
    boolean present = Files.isRegularFile(root.resolve("MANIFEST.md"));
    if (!present) {
      System.err.println("WARNING: SOPS fixtures not found at " + root + "; decrypt tests SKIPPED");
    }
    assumeTrue(present, "SOPS fixtures not found at " + root + " (set STOW_SOPS_FIXTURES)");
    return root;
  }

  private static String key() {
    return fixtures().resolve("keys/getsops-sops_functional_tests_key.asc").toString();
  }

  private static String file(String name) {
    return fixtures().resolve("files/getsops-sops").resolve(name).toString();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "format.enc.yaml | foo: bar\\n",
        "format.enc.json | {\\n\\t\"foo\": \"bar\"\\n}\\n",
        "format.enc.env | foo = bar\\n",
        "format.enc.ini | [foo]\\nbar = baz\\n",
        "format-2.enc.ini | [foo]\\nbar = baz\\n"
      })
  void decrypt_printsWhatSopsPrints(String name, String expected) {
    CliRun run = CliRun.of("decrypt", file(name), "--pgp-key-file", key());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(expected.replace("\\n", "\n").replace("\\t", "\t"));
  }

  @Test
  void decrypt_printsJsonWhenAsked() {
    CliRun run =
        CliRun.of(
            "decrypt",
            fixtures().resolve("files/sops-nix/secrets.yaml").toString(),
            "--age-key-file",
            fixtures().resolve("keys/sops-nix-age-keys.txt").toString(),
            "--output-type",
            "json");
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("\"test_key\": \"test_value\"").contains("\"e3\"");
  }

  @Test
  void decrypt_writesAPrivateOutputFile() throws Exception {
    Path out = dir.resolve("plain.yaml");
    CliRun run =
        CliRun.of(
            "decrypt",
            file("format.enc.yaml"),
            "--pgp-key-file",
            key(),
            "--output",
            out.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(Files.readString(out)).isEqualTo("foo: bar\n");
    assertThat(
            java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-------");
  }

  @Test
  void decrypt_refusesAFileWithoutMac() {
    CliRun run = CliRun.of("decrypt", file("no_mac.yaml"), "--pgp-key-file", key());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("no_mac.yaml").contains("MAC").doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void decrypt_withoutKeysNamesTheRecipients() {
    CliRun run = CliRun.of("decrypt", file("format.enc.yaml"));
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("format.enc.yaml").contains("--pgp-key-file");
  }

  @Test
  void decrypt_refusesAPlainFile() throws Exception {
    Path plain = dir.resolve("plain.yaml");
    Files.writeString(plain, "a: b\n");
    CliRun run = CliRun.of("decrypt", plain.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("is not a SOPS file");
  }

  @Test
  void decrypt_delegatesToTheSopsBinaryWhenGiven() throws Exception {
    Path fake = dir.resolve("sops");
    Files.writeString(fake, "#!/bin/sh\necho \"external: $1 $(basename \"$2\")\"\n");
    fake.toFile().setExecutable(true);
    CliRun run = CliRun.of("decrypt", file("format.enc.yaml"), "--sops-binary", fake.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo("external: --decrypt format.enc.yaml\n");
  }
}
