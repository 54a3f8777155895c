package io.stow.cli;

import io.stow.daemon.notify.NotifyTest;
import io.stow.model.config.DaemonConfig;
import io.stow.model.config.HostName;
import java.nio.file.Path;
import java.util.List;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code stow notify-test [--config F]}: sends one test notification to every {@code notify} target
 * of the daemon configuration, once each, and prints how each answered; exit 1 when one did not
 * take it.
 */
final class NotifyTestCommand implements Command {

  private final CliComposition composition;
  private OptionSpec<String> config;

  NotifyTestCommand(CliComposition composition) {
    this.composition = composition;
  }

  @Override
  public String name() {
    return "notify-test";
  }

  @Override
  public String arguments() {
    return "";
  }

  @Override
  public String summary() {
    return "send a test notification to every notify target and print each answer";
  }

  @Override
  public void declare(OptionParser parser) {
    config =
        parser
            .accepts("config", "the daemon configuration")
            .withRequiredArg()
            .describedAs("F")
            .defaultsTo(DaemonCommand.DEFAULT_CONFIG);
  }

  @Override
  public int run(OptionSet options, Console console) {
    if (!options.nonOptionArguments().isEmpty()) {
      throw new UsageException("unexpected arguments " + options.nonOptionArguments());
    }
    Path file = Path.of(options.valueOf(config));
    DaemonConfig daemon = composition.daemonConfig(file);
    if (daemon.notifications().targets().isEmpty()) {
      console.err().println("error: " + file + " has no notify targets; add some under notify:");
      return StowCli.FAILED;
    }
    List<NotifyTest.Answer> answers =
        NotifyTest.run(
            daemon.notifications(),
            HostName.current(),
            daemon.subfolder(),
            composition.notifyPoster(),
            composition.timing().clock());
    boolean all = true;
    for (NotifyTest.Answer answer : answers) {
      String line = answer.target() + " (" + answer.redactedUrl() + "): " + answer.detail();
      if (answer.sent()) {
        console.out().println(line);
      } else {
        console.err().println(line);
        all = false;
      }
    }
    return all ? StowCli.OK : StowCli.FAILED;
  }
}
