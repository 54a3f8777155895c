package io.stow.cli;

import joptsimple.OptionParser;
import joptsimple.OptionSet;

/** One {@code stow} subcommand. */
interface Command {

  /** The word that selects the command, e.g. {@code validate}. */
  String name();

  /** The arguments after the options, e.g. {@code DIR}, for the usage line. */
  String arguments();

  /** One line for {@code stow --help}. */
  String summary();

  /** Declares the command's options on a fresh parser. */
  void declare(OptionParser parser);

  /**
   * Runs the command.
   *
   * @return the exit status: 0 success, 1 failure
   * @throws UsageException when the arguments are wrong (exit 2, usage printed)
   */
  int run(OptionSet options, Console console) throws Exception;
}
