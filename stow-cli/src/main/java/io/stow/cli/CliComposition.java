package io.stow.cli;

import java.util.List;

/**
 * The composition root of the command line: builds every command and the engine objects they share,
 * once, in one place.
 */
final class CliComposition {

  private final Console console;

  CliComposition(Console console) {
    this.console = console;
  }

  List<Command> commands() {
    return List.of(new ValidateCommand(), new HashCommand());
  }

  Console console() {
    return console;
  }
}
