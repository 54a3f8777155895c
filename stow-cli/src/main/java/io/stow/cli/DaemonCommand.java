package io.stow.cli;

import io.stow.daemon.StowDaemon;
import java.nio.file.Path;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code stow daemon [--config F]}: serves the trigger, status and badge API and keeps this host
 * converged to the head of its GitLab branch, until it is stopped (SIGTERM). The daemon logs to
 * standard output, one line per event.
 */
final class DaemonCommand implements Command {

  static final String DEFAULT_CONFIG = "/etc/stow/daemon.yaml";

  private final CliComposition composition;
  private OptionSpec<String> config;

  DaemonCommand(CliComposition composition) {
    this.composition = composition;
  }

  @Override
  public String name() {
    return "daemon";
  }

  @Override
  public String arguments() {
    return "";
  }

  @Override
  public String summary() {
    return "serve the trigger, status and badge API (HTTPS) and keep this host converged";
  }

  @Override
  public void declare(OptionParser parser) {
    config =
        parser
            .accepts(
                "config",
                "the daemon configuration; its directory must be owned by root, directories 0500,"
                    + " files 0400")
            .withRequiredArg()
            .describedAs("F")
            .defaultsTo(DEFAULT_CONFIG);
  }

  @Override
  public int run(OptionSet options, Console console) throws InterruptedException {
    if (!options.nonOptionArguments().isEmpty()) {
      throw new UsageException("unexpected arguments " + options.nonOptionArguments());
    }
    StowDaemon daemon = StowDaemon.start(composition.daemon(Path.of(options.valueOf(config))));
    Runtime.getRuntime().addShutdownHook(new Thread(daemon::close, "stow-shutdown"));
    daemon.awaitStopped();
    return StowCli.OK;
  }
}
