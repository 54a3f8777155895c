package io.stow.cli;

import io.stow.engine.ReconcileException;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileRequest;
import io.stow.engine.Reconciler;
import io.stow.engine.config.ConfiguredHost;
import io.stow.engine.render.PlanDocument;
import io.stow.engine.source.DesiredStateSource;
import io.stow.engine.source.LocalDirectorySource;
import io.stow.sops.SecretDecryptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code stow reconcile (--config F | --dir DIR) [--state-dir D] [--dry-run] [--plan-json]}:
 * converges the Docker host to the head of the tracked branch in GitLab ({@code --config}, as the
 * daemon does) or to a local deployment folder, verifies it, and rolls back when verification
 * fails.
 */
final class ReconcileCommand implements Command {

  private final CliComposition composition;
  private OptionSpec<String> config;
  private OptionSpec<String> dir;
  private OptionSpec<String> stateDir;
  private OptionSpec<Void> dryRun;
  private OptionSpec<Void> planJson;
  private OptionSpec<String> profile;
  private KeyOptions keys;

  ReconcileCommand(CliComposition composition) {
    this.composition = composition;
  }

  @Override
  public String name() {
    return "reconcile";
  }

  @Override
  public String arguments() {
    return "";
  }

  @Override
  public String summary() {
    return "converge this Docker host to a deployment folder, verify it, roll back on failure";
  }

  @Override
  public void declare(OptionParser parser) {
    config =
        parser
            .accepts(
                "config",
                "the daemon configuration (e.g. /etc/stow/daemon.yaml): deploy the head of its"
                    + " GitLab branch with its keys and state directory")
            .withRequiredArg()
            .describedAs("F");
    dir =
        parser
            .accepts("dir", "the deployment folder (holds stow.yaml or a Compose file)")
            .withRequiredArg()
            .describedAs("DIR");
    profile =
        parser
            .accepts(
                "profile",
                "with --dir: a Compose profile this host runs; repeatable (with --config:"
                    + " composeProfiles)")
            .withRequiredArg()
            .describedAs("P");
    stateDir =
        parser
            .accepts(
                "state-dir",
                "state root instead of $HOME: snapshots in D/.stow/snapshots, D/running-config")
            .withRequiredArg()
            .describedAs("D");
    dryRun = parser.accepts("dry-run", "plan only: change nothing, not Docker, not the state dir");
    planJson =
        parser.accepts("plan-json", "print the plan as JSON on stdout (env values redacted)");
    keys = new KeyOptions(parser);
  }

  @Override
  public int run(OptionSet options, Console console) {
    if (!options.nonOptionArguments().isEmpty()) {
      throw new UsageException("unexpected arguments " + options.nonOptionArguments());
    }
    if (options.has(dir) == options.has(config)) {
      throw new UsageException("give either --config F (GitLab, as the daemon) or --dir DIR");
    }
    DesiredStateSource source;
    Path stateRoot;
    SecretDecryptor decryptor;
    List<String> profiles;
    if (options.has(config)) {
      if (keys.given(options)) {
        throw new UsageException(
            "with --config the SOPS keys come from the configuration (keys, pgpKeys, sopsBinary)");
      }
      if (options.has(profile)) {
        throw new UsageException(
            "with --config the Compose profiles come from the configuration (composeProfiles)");
      }
      ConfiguredHost host =
          composition.configuredHost(
              composition.daemonConfig(Path.of(options.valueOf(config))),
              note -> console.err().println("gitlab: " + note));
      source = host.source();
      stateRoot = host.stateRoot();
      decryptor = host.decryptor();
      profiles = host.config().composeProfiles();
    } else {
      Path folder = Path.of(options.valueOf(dir));
      if (!Files.isDirectory(folder)) {
        throw new UsageException("--dir " + folder + " is not a directory");
      }
      source = new LocalDirectorySource(folder);
      stateRoot = Path.of(System.getProperty("user.home"));
      decryptor = keys.decryptor(options, composition.environment());
      profiles = List.copyOf(options.valuesOf(profile));
    }
    if (options.has(stateDir)) {
      stateRoot = Path.of(options.valueOf(stateDir));
    }
    ReconcileRequest request =
        options.has(dryRun) ? ReconcileRequest.dryRun(source) : ReconcileRequest.reconcile(source);

    ProgressRenderer progress = new ProgressRenderer(console);
    Reconciler reconciler = composition.reconciler(stateRoot, decryptor, progress, profiles);
    ReconcileReport report;
    try {
      report = reconciler.reconcile(request);
    } catch (ReconcileException e) {
      progress.finish();
      if (options.has(planJson) && e.report().plan().isPresent()) {
        console.out().println(PlanDocument.of(e.report()).toJson());
      }
      new ReportRenderer(console.err()).failure(e);
      return StowCli.FAILED;
    }
    progress.finish();
    if (options.has(planJson)) {
      console.out().println(PlanDocument.of(report).toJson());
    }
    new ReportRenderer(console.err()).success(report);
    return StowCli.OK;
  }
}
