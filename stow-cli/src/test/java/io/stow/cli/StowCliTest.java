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

  /** A command that fails with a JVM error, as an out-of-memory key file once did. */
  private static Command failingWith(Error error) {
    return new Command() {
      @Override
      public String name() {
        return "explode";
      }

      @Override
      public String arguments() {
        return "";
      }

      @Override
      public String summary() {
        return "fails";
      }

      @Override
      public void declare(joptsimple.OptionParser parser) {}

      @Override
      public int run(joptsimple.OptionSet options, Console console) {
        throw error;
      }
    };
  }

  @Test
  void errors_areOneLineWithoutStackTrace() {
    CliRun run =
        CliRun.withCommands(
            console -> java.util.List.of(failingWith(new OutOfMemoryError("Java heap space"))),
            "explode");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .isEqualTo(
            "error: OutOfMemoryError: Java heap space (run with --stacktrace for details)\n");
  }

  @Test
  void errors_withoutMessageNameTheirKind() {
    CliRun run =
        CliRun.withCommands(
            console -> java.util.List.of(failingWith(new StackOverflowError())), "explode");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: StackOverflowError (run with").hasLineCount(1);
  }

  @Test
  void errors_showTheirStackTraceWhenAsked() {
    CliRun run =
        CliRun.withCommands(
            console -> java.util.List.of(failingWith(new StackOverflowError())),
            "explode",
            "--stacktrace");

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: StackOverflowError\n").contains("\tat ");
  }
}
