package io.stow.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;

/**
 * Parses the command line, runs one command and maps the outcome to an exit status: 0 success, 1
 * failure, 2 usage. Stack traces are shown only with {@code --stacktrace}.
 */
final class StowCli {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private final Map<String, Command> commands = new LinkedHashMap<>();
  private final Console console;
  private final ErrorReporter errors;

  StowCli(Console console, List<Command> commands) {
    this.console = console;
    this.errors = new ErrorReporter(console.err());
    commands.forEach(c -> this.commands.put(c.name(), c));
  }

  /** The CLI with every command, writing to the process's standard streams. */
  static StowCli standard() {
    Console console = Console.system();
    return new StowCli(console, new CliComposition(console).commands());
  }

  int run(String[] args) {
    boolean stacktrace = Arrays.asList(args).contains("--stacktrace");
    String[] rest =
        Arrays.stream(args).filter(a -> !a.equals("--stacktrace")).toArray(String[]::new);
    if (rest.length == 0
        || rest[0].equals("--help")
        || rest[0].equals("-h")
        || rest[0].equals("help")) {
      if (rest.length > 1 && commands.containsKey(rest[1])) {
        printUsage(commands.get(rest[1]), console.out());
      } else {
        printHelp(rest.length == 0 ? console.err() : console.out());
      }
      return rest.length == 0 ? USAGE : OK;
    }
    if (rest[0].equals("--version")) {
      console.out().println("stow " + Version.current());
      return OK;
    }
    Command command = commands.get(rest[0]);
    if (command == null) {
      console.err().println("stow: unknown command '" + rest[0] + "'");
      printHelp(console.err());
      return USAGE;
    }
    OptionParser parser = parser(command);
    try {
      OptionSet options = parser.parse(Arrays.copyOfRange(rest, 1, rest.length));
      if (options.has("help")) {
        printUsage(command, console.out());
        return OK;
      }
      return command.run(options, console);
    } catch (OptionException | UsageException e) {
      console.err().println("stow " + command.name() + ": " + e.getMessage());
      printUsage(command, console.err());
      return USAGE;
    } catch (Exception e) {
      errors.report(e, stacktrace);
      return FAILED;
    } catch (Error e) {
      // out of memory, stack overflow: still one line for a person, not a raw trace
      errors.reportError(e, stacktrace);
      return FAILED;
    }
  }

  private static OptionParser parser(Command command) {
    OptionParser parser = new OptionParser();
    parser.accepts("help", "show this help").forHelp();
    command.declare(parser);
    return parser;
  }

  private void printHelp(PrintStream out) {
    out.println("stow - GitOps reconciler for one Docker host");
    out.println();
    out.println("usage: stow <command> [options]");
    out.println();
    out.println("commands:");
    for (Command command : commands.values()) {
      out.printf("  %-16s %s%n", command.name(), command.summary());
    }
    out.println();
    out.println("  --version        print the version");
    out.println("  --stacktrace     show stack traces of failures");
    out.println();
    out.println("Run 'stow <command> --help' for a command's options.");
  }

  private static void printUsage(Command command, PrintStream out) {
    out.println("usage: stow " + command.name() + " [options] " + command.arguments());
    out.println();
    out.println(command.summary());
    out.println();
    StringWriter options = new StringWriter();
    try {
      parser(command).printHelpOn(options);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    out.print(options);
  }
}
