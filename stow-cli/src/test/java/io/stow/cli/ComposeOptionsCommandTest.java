package io.stow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code --profile} and {@code stow pin} are checked before anything runs. */
class ComposeOptionsCommandTest {

  @TempDir Path tmp;

  @Test
  void reconcile_withConfigTakesTheProfilesFromTheConfiguration() {
    CliRun run = CliRun.of("reconcile", "--config", "daemon.yaml", "--profile", "debug");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("profiles come from the configuration (composeProfiles)");
  }

  @Test
  void validate_profileIsForComposeFilesOnly() throws Exception {
    Files.writeString(tmp.resolve("stow.yaml"), "deployment: {name: x}\ncontainers: []\n");
    CliRun run = CliRun.of("validate", tmp.toString(), "--profile", "debug");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--profile is for Compose files");
  }

  @Test
  void pin_needsAComposeFile() throws Exception {
    Files.writeString(tmp.resolve("stow.yaml"), "deployment: {name: x}\ncontainers: []\n");
    CliRun run = CliRun.of("pin", tmp.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("no Compose file", "stow pin edits Compose files");
  }

  @Test
  void help_listsPin() {
    CliRun run = CliRun.of("--help");
    assertThat(run.out()).contains("pin ", "pin each image of DIR's Compose file");
  }
}
