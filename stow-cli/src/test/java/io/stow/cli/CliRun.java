package io.stow.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the CLI in-process and captures what it prints. */
record CliRun(int status, String out, String err) {

  static CliRun of(String... args) {
    return of(CliComposition::new, args);
  }

  /** Runs with the composition {@code compose} makes, e.g. one whose factories are overridden. */
  static CliRun of(java.util.function.Function<Console, CliComposition> compose, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console =
        new Console(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    int status = new StowCli(console, compose.apply(console).commands()).run(args);
    return new CliRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
