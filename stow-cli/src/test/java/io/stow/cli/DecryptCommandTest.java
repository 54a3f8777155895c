package io.stow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.sops.SopsFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code stow decrypt} prints exactly what {@code sops decrypt} prints for sops' own fixtures. */
class DecryptCommandTest {

  @TempDir Path dir;

  private static String key() {
    return SopsFixtures.key("getsops-sops_functional_tests_key.asc").toString();
  }

  private static String file(String name) {
    return SopsFixtures.file("getsops-sops/" + name).toString();
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
            SopsFixtures.file("sops-nix/secrets.yaml").toString(),
            "--age-key-file",
            SopsFixtures.key("sops-nix-age-keys.txt").toString(),
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
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-------");
  }

  @Test
  void decrypt_replacesTheOutputFileAtomically() throws Exception {
    Path out = dir.resolve("plain.yaml");
    Files.writeString(out, "old content that is longer than the new one\n");
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));
    List<String> events = new ArrayList<>();
    try (WatchService watcher = dir.getFileSystem().newWatchService()) {
      dir.register(
          watcher,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);

      CliRun run =
          CliRun.of(
              "decrypt",
              file("format.enc.yaml"),
              "--pgp-key-file",
              key(),
              "--output",
              out.toString());
      assertThat(run.status()).as(run.err()).isZero();

      // the target appears by a rename (a create event), never written or truncated in place
      for (WatchKey key = watcher.poll(10, TimeUnit.SECONDS);
          key != null;
          key = watcher.poll(200, TimeUnit.MILLISECONDS)) {
        for (WatchEvent<?> event : key.pollEvents()) {
          events.add(event.kind().name() + " " + event.context());
        }
        key.reset();
      }
    }
    assertThat(events)
        .contains("ENTRY_CREATE plain.yaml")
        .doesNotContain("ENTRY_MODIFY plain.yaml", "ENTRY_DELETE plain.yaml")
        .anySatisfy(e -> assertThat(e).startsWith("ENTRY_CREATE .plain.yaml.tmp-"));
    assertThat(Files.readString(out)).isEqualTo("foo: bar\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rw-------");
    try (var files = Files.list(dir)) {
      assertThat(files).containsExactly(out);
    }
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
  void decrypt_saysADirectoryIsADirectory() {
    CliRun run = CliRun.of("decrypt", dir.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo("error: " + dir + ": is a directory; stow decrypt takes one SOPS file\n");
  }

  @Test
  void decrypt_saysWhoOwnsAnUnreadableFile() throws Exception {
    Path secret = dir.resolve("secret.yaml");
    Files.writeString(secret, "a: b\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("r--------"));
    String owner = Files.getOwner(secret).getName();

    // root may read anything, so the composition says what an unprivileged user would find
    CliRun run =
        CliRun.with(
            console ->
                new CliComposition(console) {
                  @Override
                  boolean isReadable(Path file) {
                    return !file.equals(secret);
                  }
                },
            "decrypt",
            secret.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("error: " + secret + ": permission denied: owned by " + owner + ":")
        .contains("with mode 0400 (r--------)")
        .contains("stow runs as " + System.getProperty("user.name"))
        .hasLineCount(1);
  }

  @Test
  void decrypt_refusesADeviceAsAgeKeyFileInOneLine() {
    CliRun run =
        CliRun.of(
            "decrypt", file("format.enc.yaml"), "--age-key-file", "/dev/zero", "--stacktrace");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("error: ")
        .contains("/dev/zero: is a character device, not a regular file")
        .doesNotContain("OutOfMemoryError");
  }

  @Test
  void decrypt_refusesPgpKeyFilesWithTheSopsBinary() throws Exception {
    Path fake = dir.resolve("sops");
    Files.writeString(fake, "#!/bin/sh\ntouch '" + dir.resolve("ran") + "'\n");
    fake.toFile().setExecutable(true);

    CliRun run =
        CliRun.of(
            "decrypt",
            dir.resolve("absent.yaml").toString(),
            "--sops-binary",
            fake.toString(),
            "--pgp-key-file",
            dir.resolve("key.asc").toString());

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("stow decrypt: --pgp-key-file cannot be used with --sops-binary")
        .contains("gpg --import");
    assertThat(dir.resolve("ran")).doesNotExist();
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
