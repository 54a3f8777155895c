package io.stow.cli.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonUnitTest {

  private static String render(String executable, String config) {
    return new DaemonUnit(Path.of(executable), Path.of(config), Optional.empty()).render();
  }

  @Test
  void render_plainPathsStayAsWritten() {
    assertThat(render("/usr/local/bin/stow", "/etc/stow/daemon.yaml"))
        .contains("\nExecStart=/usr/local/bin/stow daemon --config /etc/stow/daemon.yaml\n")
        .doesNotContain("JAVA_HOME");
  }

  @Test
  void render_givesTheJvmItsOptionsAndTwoMallocArenas() {
    assertThat(render("/usr/local/bin/stow", "/etc/stow/daemon.yaml"))
        .contains(
            "\nEnvironment=\"STOW_JAVA_OPTS=-XX:+UseSerialGC -Xms16m -Xmx256m -Xmn4m"
                + " -XX:TieredStopAtLevel=1 -Xss512k -XX:+ExitOnOutOfMemoryError\"\n"
                + "Environment=\"MALLOC_ARENA_MAX=2\"\nExecStart=");
    assertThat(DaemonUnit.jvmEnvironment())
        .containsExactly(
            entry("STOW_JAVA_OPTS", DaemonUnit.JAVA_OPTIONS), entry("MALLOC_ARENA_MAX", "2"));
  }

  @Test
  void render_escapesWhatSystemdWouldInterpret() {
    assertThat(render("/opt/a \"b\" \\c $d %e/stow", "/etc/stow/daemon.yaml"))
        .contains("\nExecStart=\"/opt/a \\\"b\\\" \\\\c $$d %%e/stow\" daemon --config ");
  }

  @Test
  void render_refusesControlCharacters() {
    assertThatThrownBy(() -> render("/opt/stow\nExecStartPre=/bin/evil", "/etc/stow/daemon.yaml"))
        .isInstanceOf(SystemdException.class)
        .hasMessageContaining("control character")
        .hasMessageNotContaining("\n");
  }

  @Test
  void unit_needsAbsolutePaths() {
    assertThatThrownBy(
            () -> new DaemonUnit(Path.of("stow"), Path.of("/etc/stow/d.yaml"), Optional.empty()))
        .hasMessageContaining("absolute");
  }
}
