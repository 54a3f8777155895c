package io.stow.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;

/** Runs the CLI in-process and captures what it prints. */
record CliRun(int status, String out, String err) {

  static CliRun of(String... args) {
    return with(CliComposition::new, args);
  }

  /** Runs the CLI over the composition {@code composition} makes, for tests that override it. */
  static CliRun with(Function<Console, CliComposition> composition, String... args) {
    return run(console -> composition.apply(console).commands(), args);
  }

  /** Runs a CLI made of the given commands. */
  static CliRun withCommands(Function<Console, List<Command>> commands, String... args) {
    return run(commands, args);
  }

  /** Runs with the composition {@code compose} makes, e.g. one whose factories are overridden. */
  static CliRun of(Function<Console, CliComposition> compose, String... args) {
    return with(compose, args);
  }

  private static CliRun run(Function<Console, List<Command>> commands, String[] args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console =
        new Console(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    int status = new StowCli(console, commands.apply(console)).run(args);
    return new CliRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
