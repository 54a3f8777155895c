package io.stow.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FileNamesTest {

  @Test
  void requireUtf8_passesInThisBuildsUtf8Jvm() {
    FileNames.requireUtf8();
  }

  @Test
  void requireUtf8_refusesAJvmStartedUnderTheCLocale() throws Exception {
    String out = runProbe("C");
    assertThat(out).contains("decodes file names as").contains("LC_ALL=C.UTF-8");
  }

  @Test
  void requireUtf8_passesAJvmStartedUnderCUtf8() throws Exception {
    assertThat(runProbe("C.UTF-8")).isEqualTo("ok");
  }

  /** Starts a JVM with LC_ALL={@code locale} and reports what requireUtf8 said. */
  private static String runProbe(String locale) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                FileNamesProbe.class.getName())
            .redirectErrorStream(true);
    builder.environment().remove("LANG");
    builder.environment().remove("LC_CTYPE");
    builder.environment().put("LC_ALL", locale);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return out.strip();
  }
}
