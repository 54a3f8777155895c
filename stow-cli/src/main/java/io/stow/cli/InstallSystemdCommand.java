package io.stow.cli;

import io.stow.cli.systemd.DaemonUnit;
import io.stow.cli.systemd.SystemdException;
import io.stow.cli.systemd.UnitInstaller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code stow install-systemd --config F [--unit-dir D] [--print]}: checks the daemon
 * configuration, writes {@code stow.service} for {@code stow daemon --config F} running this stow
 * executable, and enables and restarts it; {@code --print} only prints the unit.
 */
final class InstallSystemdCommand implements Command {

  /** Where units written by the administrator go. */
  static final Path DEFAULT_UNIT_DIRECTORY = Path.of("/etc/systemd/system");

  private final CliComposition composition;
  private OptionSpec<String> config;
  private OptionSpec<String> unitDir;
  private OptionSpec<Void> print;

  InstallSystemdCommand(CliComposition composition) {
    this.composition = composition;
  }

  @Override
  public String name() {
    return "install-systemd";
  }

  @Override
  public String arguments() {
    return "";
  }

  @Override
  public String summary() {
    return "install, enable and (re)start the daemon as the systemd service stow.service";
  }

  @Override
  public void declare(OptionParser parser) {
    config =
        parser
            .accepts("config", "the daemon configuration, e.g. /etc/stow/daemon.yaml")
            .withRequiredArg()
            .describedAs("F")
            .required();
    unitDir =
        parser
            .accepts("unit-dir", "where to write stow.service")
            .withRequiredArg()
            .describedAs("D")
            .defaultsTo(DEFAULT_UNIT_DIRECTORY.toString());
    print = parser.accepts("print", "print the unit only: write nothing, run nothing");
  }

  @Override
  public int run(OptionSet options, Console console) {
    if (!options.nonOptionArguments().isEmpty()) {
      throw new UsageException("unexpected arguments " + options.nonOptionArguments());
    }
    Path configFile = Path.of(options.valueOf(config)).toAbsolutePath().normalize();
    // a unit that cannot start would restart every 5 s; refuse it here, with every problem
    composition.daemonConfig(configFile);
    DaemonUnit unit = new DaemonUnit(executable(), configFile, javaHome());
    if (options.has(print)) {
      console.out().print(unit.render());
      return StowCli.OK;
    }
    Path directory = Path.of(options.valueOf(unitDir)).toAbsolutePath().normalize();
    new UnitInstaller(composition.systemctl(), line -> console.out().println(line))
        .install(unit, directory);
    console
        .out()
        .println(
            "installed: check it with systemctl status stow.service and journalctl -u stow -f");
    return StowCli.OK;
  }

  /** The stow executable the launcher named: the unit runs exactly that file. */
  private Path executable() {
    String named = composition.environment().get("STOW_EXECUTABLE");
    if (named == null || named.isBlank()) {
      throw new SystemdException(
          "install-systemd writes the path of the stow executable into the unit, and this stow"
              + " was not started by one (java -jar?); run it as the installed stow, e.g. sudo"
              + " /usr/local/bin/stow install-systemd ...");
    }
    Path path = Path.of(named);
    if (!path.isAbsolute() || !Files.isRegularFile(path) || !Files.isExecutable(path)) {
      throw new SystemdException(
          "STOW_EXECUTABLE="
              + named
              + " is not an absolute path to an executable file; run install-systemd through the"
              + " installed stow, which sets it");
    }
    return path;
  }

  private Optional<Path> javaHome() {
    return Optional.ofNullable(composition.environment().get("JAVA_HOME"))
        .filter(home -> !home.isBlank())
        .map(Path::of);
  }
}
