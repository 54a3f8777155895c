package io.stow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StowCliTest {

  @Test
  void help_listsEveryCommand() {
    CliRun run = CliRun.of("--help");
    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("validate").contains("hash");
  }

  @Test
  void commandHelp_showsItsOptions() {
    CliRun run = CliRun.of("hash", "--help");
    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("usage: stow hash").contains("--secret");
  }

  @Test
  void noArguments_isAUsageError() {
    CliRun run = CliRun.of();
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("usage: stow <command>");
  }

  @Test
  void unknownCommand_isAUsageError() {
    CliRun run = CliRun.of("deploy");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("unknown command 'deploy'");
  }

  @Test
  void unknownOption_isAUsageError() {
    CliRun run = CliRun.of("validate", "--colour", ".");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("colour").contains("usage: stow validate");
  }

  @Test
  void version_printsTheVersion() {
    CliRun run = CliRun.of("--version");
    assertThat(run.status()).isZero();
    assertThat(run.out()).startsWith("stow ");
  }
}
