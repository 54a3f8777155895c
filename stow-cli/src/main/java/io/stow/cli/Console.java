package io.stow.cli;

import java.io.PrintStream;

/** Where a command writes: results to {@code out}, diagnostics and progress to {@code err}. */
record Console(PrintStream out, PrintStream err, boolean interactive) {

  static Console system() {
    return new Console(System.out, System.err, System.console() != null);
  }
}
