package io.stow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import joptsimple.OptionSet;

/** Checks of positional arguments shared by commands. */
final class Arguments {

  private Arguments() {}

  /** The one positional argument, which must name an existing directory. */
  static Path singleDirectory(OptionSet options) {
    Path dir = Path.of(single(options, "DIR"));
    if (!Files.isDirectory(dir)) {
      throw new UsageException(dir + " is not a directory");
    }
    return dir;
  }

  /** The one positional argument. */
  static String single(OptionSet options, String what) {
    List<?> values = options.nonOptionArguments();
    if (values.size() != 1) {
      throw new UsageException(
          values.isEmpty() ? "missing " + what : "expected one " + what + ", got " + values);
    }
    return values.get(0).toString();
  }
}
