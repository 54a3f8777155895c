package io.stow.cli;

import io.stow.engine.ReconcileException;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileRequest;
import io.stow.engine.Reconciler;
import io.stow.engine.render.PlanDocument;
import io.stow.engine.source.LocalDirectorySource;
import java.nio.file.Files;
import java.nio.file.Path;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code stow reconcile --dir DIR [--state-dir D] [--dry-run] [--plan-json]}: converges the Docker
 * host to a deployment folder, verifies it, and rolls back when verification fails.
 */
final class ReconcileCommand implements Command {

  private final CliComposition composition;
  private OptionSpec<String> dir;
  private OptionSpec<String> stateDir;
  private OptionSpec<Void> dryRun;
  private OptionSpec<Void> planJson;
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
    dir =
        parser
            .accepts("dir", "the deployment folder (holds stow.yaml)")
            .withRequiredArg()
            .describedAs("DIR");
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
    if (!options.has(dir)) {
      throw new UsageException("--dir is required");
    }
    Path folder = Path.of(options.valueOf(dir));
    if (!Files.isDirectory(folder)) {
      throw new UsageException("--dir " + folder + " is not a directory");
    }
    Path stateRoot =
        options.has(stateDir)
            ? Path.of(options.valueOf(stateDir))
            : Path.of(System.getProperty("user.home"));
    LocalDirectorySource source = new LocalDirectorySource(folder);
    ReconcileRequest request =
        options.has(dryRun) ? ReconcileRequest.dryRun(source) : ReconcileRequest.reconcile(source);

    ProgressRenderer progress = new ProgressRenderer(console);
    Reconciler reconciler =
        composition.reconciler(
            stateRoot, keys.decryptor(options, composition.environment()), progress);
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
