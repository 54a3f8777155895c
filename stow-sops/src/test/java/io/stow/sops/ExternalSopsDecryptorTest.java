package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The external mode against a fake {@code sops}: a shell script that records how it was run. */
class ExternalSopsDecryptorTest {

  @TempDir Path dir;

  private Path fakeSops(String body) throws Exception {
    Path script = dir.resolve("sops");
    Files.writeString(
        script,
        "#!/bin/sh\nprintf '%s\\n' \"$@\" > '"
            + dir.resolve("argv")
            + "'\n"
            + "env > '"
            + dir.resolve("env")
            + "'\n"
            + body);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  @Test
  void decrypt_runsSopsWithFileArgumentAndKeysInEnvironmentOnly() throws Exception {
    Path keyFile = dir.resolve("keys.txt");
    Files.writeString(keyFile, "# test\n");
    String inline = TestKeys.newAge().identity();
    Path secret = dir.resolve("app.yaml");
    Files.writeString(secret, "a: b\n");
    ExternalSopsDecryptor decryptor =
        new ExternalSopsDecryptor(
            fakeSops("printf 'decrypted: yes\\n'\n"),
            SopsKeys.none().withAgeKeyFile(keyFile).withAgeKey(inline));

    byte[] output = decryptor.decrypt(secret);

    assertThat(output).asString().isEqualTo("decrypted: yes\n");
    assertThat(Files.readAllLines(dir.resolve("argv")))
        .containsExactly("--decrypt", secret.toAbsolutePath().toString());
    List<String> env = Files.readAllLines(dir.resolve("env"));
    assertThat(env)
        .contains("SOPS_AGE_KEY_FILE=" + keyFile.toAbsolutePath(), "SOPS_AGE_KEY=" + inline);
    assertThat(Files.readString(dir.resolve("argv"))).doesNotContain("AGE-SECRET-KEY");
  }

  @Test
  void decrypt_asksForJsonOutput() throws Exception {
    Path secret = dir.resolve("app.yaml");
    Files.writeString(secret, "a: b\n");
    ExternalSopsDecryptor decryptor =
        new ExternalSopsDecryptor(fakeSops("echo '{}'\n"), SopsKeys.none());

    assertThat(decryptor.decrypt(secret, OutputType.JSON)).asString().isEqualTo("{}\n");
    assertThat(Files.readAllLines(dir.resolve("argv")))
        .containsExactly("--decrypt", "--output-type", "json", secret.toAbsolutePath().toString());
  }

  @Test
  void decrypt_mapsFailureToSopsExceptionWithStderrButNotStdout() throws Exception {
    Path secret = dir.resolve("app.env");
    Files.writeString(secret, "A=b\n");
    ExternalSopsDecryptor decryptor =
        new ExternalSopsDecryptor(
            fakeSops("echo 'PARTIAL=plaintext'\necho 'Failed to get the data key' >&2\nexit 128\n"),
            SopsKeys.none());

    assertThatThrownBy(() -> decryptor.decrypt(secret))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining(secret.toString())
        .hasMessageContaining("exit status 128")
        .hasMessageContaining("Failed to get the data key")
        .message()
        .doesNotContain("PARTIAL=plaintext");
  }

  @Test
  void decrypt_killsSopsAfterTimeout() throws Exception {
    Path secret = dir.resolve("app.yaml");
    Files.writeString(secret, "a: b\n");
    ExternalSopsDecryptor decryptor =
        new ExternalSopsDecryptor(
            fakeSops("exec sleep 30\n"),
            SopsKeys.none(),
            Duration.ofMillis(300),
            SopsLimits.DEFAULT);

    assertThatThrownBy(() -> decryptor.decrypt(secret))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("did not finish within");
  }

  @Test
  void decrypt_reportsMissingBinary() throws Exception {
    Path secret = dir.resolve("app.yaml");
    Files.writeString(secret, "a: b\n");
    ExternalSopsDecryptor decryptor =
        new ExternalSopsDecryptor(dir.resolve("no-such-sops"), SopsKeys.none());

    assertThatThrownBy(() -> decryptor.decrypt(secret))
        .isInstanceOf(SopsException.class)
        .hasMessageContaining("cannot run the sops binary");
  }

  @Test
  void isSopsFile_detectsNatively() throws Exception {
    TestKeys.Age age = TestKeys.newAge();
    Path secret = dir.resolve("app.yaml");
    Files.write(
        secret,
        SopsTestEncryptor.encrypt(
            SopsFormat.YAML, "a: b\n", SopsTestEncryptor.Options.age(age.recipient())));
    Path plain = dir.resolve("plain.yaml");
    Files.writeString(plain, "a: b\n");
    ExternalSopsDecryptor decryptor =
        new ExternalSopsDecryptor(dir.resolve("unused"), SopsKeys.none());

    assertThat(decryptor.isSopsFile(secret)).isTrue();
    assertThat(decryptor.isSopsFile(plain)).isFalse();
  }
}
