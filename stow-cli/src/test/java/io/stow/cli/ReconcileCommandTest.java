package io.stow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReconcileCommandTest {

  @Test
  void reconcile_withoutDirIsAUsageError() {
    CliRun run = CliRun.of("reconcile");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--dir is required").contains("usage: stow reconcile");
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
