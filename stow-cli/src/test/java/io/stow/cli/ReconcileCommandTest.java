package io.stow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReconcileCommandTest {

  @Test
  void reconcile_withoutASourceIsAUsageError() {
    CliRun run = CliRun.of("reconcile");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .contains("either --config F (GitLab, as the daemon) or --dir DIR")
        .contains("usage: stow reconcile");
  }

  @Test
  void reconcile_withBothConfigAndDirIsAUsageError() {
    CliRun run = CliRun.of("reconcile", "--config", "daemon.yaml", "--dir", ".");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("either --config");
  }

  @Test
  void reconcile_withConfigTakesTheKeysFromTheConfiguration() {
    CliRun run = CliRun.of("reconcile", "--config", "daemon.yaml", "--age-key-file", "k.txt");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("keys come from the configuration");
  }

  @Test
  void reconcile_withABrokenConfig_namesEachProblemAndNeverTheToken(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path config = tmp.resolve("daemon.yaml");
    java.nio.file.Files.writeString(
        config, "gitlabBase: https://g.example/api/v4\ngitlabToken: SENTINEL-tok-1\nprojct: x\n");
    CliRun run = CliRun.of("reconcile", "--config", config.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains(":3:1: unknown key '…'; did you mean 'project'?")
        .contains("project: is required")
        .doesNotContain("SENTINEL-tok-1");
  }

  @Test
  void reconcile_withMissingDirIsAUsageError() {
    CliRun run = CliRun.of("reconcile", "--dir", "no/such/folder");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("is not a directory");
  }

  @Test
  void reconcile_helpListsItsOptions() {
    CliRun run = CliRun.of("reconcile", "--help");
    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("--dry-run").contains("--plan-json").contains("--state-dir");
  }
}
