package io.stow.sops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives every error path over files holding a unique secret and checks that neither the secret nor
 * the identity that encrypted it appears in any message, cause, stack trace or console output.
 */
class SentinelTest {

  private static final String SENTINEL = "SENTINEL-7f3a9c";

  @TempDir Path dir;

  private final TestKeys.Age age = TestKeys.newAge();
  private final List<Throwable> failures = new ArrayList<>();
  private final ByteArrayOutputStream console = new ByteArrayOutputStream();
  private PrintStream stdout;
  private PrintStream stderr;

  @BeforeEach
  void captureConsole() {
    stdout = System.out;
    stderr = System.err;
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
  }

  @AfterEach
  void restoreConsole() {
    System.setOut(stdout);
    System.setErr(stderr);
  }

  @Test
  void errors_neverRevealTheSecretOrKey() throws Exception {
    SopsDecryptor right = new SopsDecryptor(SopsKeys.none().withAgeKey(age.identity()));
    SopsDecryptor wrong =
        new SopsDecryptor(SopsKeys.none().withAgeKey(TestKeys.newAge().identity()));
    for (SopsFormat format : SopsFormat.values()) {
      Path file = encrypted(format);
      fail(() -> wrong.decrypt(file));
      fail(() -> wrong.decryptToJson(file));
    }

    Path tampered = encrypted(SopsFormat.YAML);
    edit(tampered, "note_unencrypted: clear", "note_unencrypted: changed");
    fail(() -> right.decrypt(tampered));

    Path corrupt = encrypted(SopsFormat.JSON);
    flipSecretCiphertext(corrupt);
    fail(() -> right.decryptToJson(corrupt));

    for (String type : List.of("int", "float", "bool", "time", "comment", "nonsense")) {
      Path retyped = encrypted(SopsFormat.YAML);
      retypeSecret(retyped, type);
      fail(() -> right.decrypt(retyped));
    }

    Path moved = encrypted(SopsFormat.DOTENV);
    edit(moved, "secret=", "other=");
    fail(() -> right.decrypt(moved));

    Path plainYaml = dir.resolve("plain.yaml");
    Files.writeString(plainYaml, "token: " + SENTINEL + "\n");
    fail(() -> right.decrypt(plainYaml));
    Path brokenYaml = dir.resolve("broken.yaml");
    Files.writeString(brokenYaml, "a: ENC[AES256_GCM,\n  - " + SENTINEL + ": [\n");
    fail(() -> right.decrypt(brokenYaml));
    fail(() -> right.isSopsFile(brokenYaml));
    Path brokenJson = dir.resolve("broken.json");
    Files.writeString(brokenJson, "{\"a\": \"" + SENTINEL + "\" \"ENC[AES256_GCM,\"}");
    fail(() -> right.decrypt(brokenJson));

    Path script = dir.resolve("fake-sops");
    Files.writeString(
        script,
        "#!/bin/sh\necho 'token: "
            + SENTINEL
            + "'\necho 'Failed to get the data key' >&2\nexit 1\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    ExternalSopsDecryptor external =
        new ExternalSopsDecryptor(script, SopsKeys.none().withAgeKey(age.identity()));
    fail(() -> external.decrypt(tampered));

    assertThat(failures)
        .hasSizeGreaterThan(20)
        .allSatisfy(t -> assertThat(t).isInstanceOf(SopsException.class));
    for (Throwable failure : failures) {
      String everything = describe(failure);
      assertThat(everything).doesNotContain(SENTINEL).doesNotContain(age.identity());
      assertThat(everything.toUpperCase()).doesNotContain("AGE-SECRET-KEY-1");
    }
    assertThat(console.toString(StandardCharsets.UTF_8)).doesNotContain(SENTINEL);
  }

  private Path encrypted(SopsFormat format) throws Exception {
    String name =
        "secret."
            + switch (format) {
              case YAML -> "yaml";
              case JSON -> "json";
              case DOTENV -> "env";
              case INI -> "ini";
              case BINARY -> "bin";
            };
    String plaintext =
        switch (format) {
          case YAML -> "secret: " + SENTINEL + "\nnote_unencrypted: clear\n";
          case JSON -> "{\"secret\": \"" + SENTINEL + "\", \"note_unencrypted\": \"clear\"}";
          case DOTENV -> "secret=" + SENTINEL + "\n";
          case INI -> "[s]\nsecret = " + SENTINEL + "\n";
          case BINARY -> SENTINEL + "\n";
        };
    Path file = dir.resolve(name);
    Files.write(
        file,
        SopsTestEncryptor.encrypt(
            format, plaintext, SopsTestEncryptor.Options.age(age.recipient())));
    return file;
  }

  private void fail(ThrowingCall call) {
    Throwable thrown = catchThrowable(call::run);
    assertThat(thrown).as("an error path that did not fail").isNotNull();
    failures.add(thrown);
  }

  private static String describe(Throwable failure) {
    StringWriter out = new StringWriter();
    failure.printStackTrace(new PrintWriter(out)); // messages, causes and suppressed ones
    return out + "\n" + failure;
  }

  private static void edit(Path file, String from, String to) throws Exception {
    Files.writeString(file, Files.readString(file).replace(from, to));
  }

  /** Flips one bit of the first value's ciphertext (the secret comes first). */
  private static void flipSecretCiphertext(Path file) throws Exception {
    String text = Files.readString(file);
    int start = text.indexOf("data:") + 5;
    int end = text.indexOf(',', start);
    byte[] data = java.util.Base64.getDecoder().decode(text.substring(start, end));
    data[3] ^= 0x20;
    Files.writeString(
        file,
        text.substring(0, start)
            + java.util.Base64.getEncoder().encodeToString(data)
            + text.substring(end));
  }

  /** The type is not authenticated, so a changed type decrypts and then fails to convert. */
  private static void retypeSecret(Path file, String type) throws Exception {
    Files.writeString(file, Files.readString(file).replaceFirst("type:str]", "type:" + type + "]"));
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }
}
