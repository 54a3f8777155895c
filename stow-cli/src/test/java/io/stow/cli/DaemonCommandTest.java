package io.stow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code stow daemon} does before it would listen; running daemons are tested in stow-it. */
class DaemonCommandTest {

  private static final String TOKEN = "glpat-SENTINEL-cli-daemon";

  @TempDir Path temp;

  @Test
  void daemon_helpNamesTheConfigAndItsDefault() {
    CliRun run = CliRun.of("daemon", "--help");

    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("--config").contains("/etc/stow/daemon.yaml").contains("0500");
  }

  @Test
  void daemon_withArgumentsIsAUsageError() {
    CliRun run = CliRun.of("daemon", "extra");

    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("unexpected arguments");
  }

  @Test
  void daemon_withoutItsConfigurationDirectory_refusesToStart() {
    CliRun run = CliRun.of("daemon", "--config", temp.resolve("nowhere/daemon.yaml").toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("refusing to start").contains("does not exist");
    assertThat(run.err()).doesNotContain("--stacktrace");
  }

  @Test
  void daemon_onADirectoryThatIsNotLockedDown_refusesWithTheFixes_andNeverReadsTheToken()
      throws Exception {
    Path config = temp.resolve("etc/daemon.yaml");
    Files.createDirectories(config.getParent());
    Files.writeString(config, "gitlabToken: " + TOKEN + "\n");

    CliRun run = CliRun.of("daemon", "--config", config.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("refusing to start")
        .contains(config.toString())
        .contains("chmod 0400 '" + config + "'")
        .doesNotContain(TOKEN);
    assertThat(run.out()).contains("starting with " + config).doesNotContain(TOKEN);
  }
}
