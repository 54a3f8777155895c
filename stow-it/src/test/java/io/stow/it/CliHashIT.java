package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.it.support.StowProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File names hash as their UTF-8 bytes whatever the caller's locale: the launcher forces a UTF-8
 * locale, and the library refuses a JVM that decodes names otherwise.
 */
class CliHashIT {

  @TempDir Path tmp;

  private Path tree() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("deploy"));
    Files.writeString(dir.resolve("stow.yaml"), "deployment:\n  name: names\ncontainers: []\n");
    for (String name :
        List.of(
            "caf\u00e9.conf", // NFC
            "cafe\u0301.conf", // NFD
            "\u8a2d\u5b9a.conf", // CJK
            "\uD83D\uDE80.conf", // emoji
            "\uFF21.conf")) { // fullwidth A: UTF-8 order differs from UTF-16 order
      Files.writeString(dir.resolve(name), name, StandardCharsets.UTF_8);
    }
    Files.createDirectories(dir.resolve("\u00fcber"));
    Files.writeString(dir.resolve("\u00fcber/\u00e4.txt"), "x");
    return dir;
  }

  @Test
  void hash_isTheSameUnderLangCAndUnderAUtf8Locale() throws Exception {
    Path dir = tree();

    Result c = launcher(Map.of("LANG", "C"), "hash", dir.toString());
    Result utf8 = launcher(Map.of("LC_ALL", "C.UTF-8"), "hash", dir.toString());
    Result posix = launcher(Map.of("LC_ALL", "POSIX", "LANG", "C"), "hash", dir.toString());

    assertThat(utf8.exit()).as(utf8.toString()).isZero();
    assertThat(c.exit()).as(c.toString()).isZero();
    assertThat(c.stdout()).isEqualTo(utf8.stdout()).contains("deployment_hash");
    assertThat(posix.stdout()).isEqualTo(utf8.stdout());
  }

  @Test
  void aJvmThatDecodesNamesAsAscii_refusesToHash() throws Exception {
    Path dir = tree();
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                StowProcess.jar().toString(),
                "hash",
                dir.toString())
            .redirectErrorStream(true);
    builder.environment().remove("LANG");
    builder.environment().put("LC_ALL", "C");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(out).isEqualTo(1);
    assertThat(out).contains("decodes file names as").contains("LC_ALL=C.UTF-8");
  }

  private record Result(int exit, String stdout, String stderr) {}

  /** Runs the checkout's {@code stow} launcher with the caller's locale replaced by {@code env}. */
  private Result launcher(Map<String, String> env, String... args) throws Exception {
    Path launcher = StowProcess.jar().getParent().getParent().getParent().resolve("stow");
    List<String> command = new java.util.ArrayList<>(List.of("sh", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.equals("LANG") || k.startsWith("LC_"));
    builder.environment().putAll(env);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
