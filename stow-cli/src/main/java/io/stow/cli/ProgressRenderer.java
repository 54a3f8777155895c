package io.stow.cli;

import io.stow.engine.EngineEvents;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileEvent.BuildOutput;
import io.stow.engine.ReconcileEvent.ContainerChanged;
import io.stow.engine.ReconcileEvent.DependencyReady;
import io.stow.engine.ReconcileEvent.ImageBuilt;
import io.stow.engine.ReconcileEvent.ImageReady;
import io.stow.engine.ReconcileEvent.PlanReady;
import io.stow.engine.ReconcileEvent.PullProgressed;
import io.stow.engine.ReconcileEvent.RollbackStarted;
import io.stow.engine.ReconcileEvent.VerificationTick;
import io.stow.engine.ReconcileEvent.Warning;
import io.stow.engine.plan.PlannedAction;
import java.io.PrintStream;
import java.util.Locale;

/**
 * Renders engine events as progress on stderr: the plan, pulls, each container, and the
 * verification countdown (updated in place on a terminal, one line per change otherwise).
 */
final class ProgressRenderer implements EngineEvents {

  private final PrintStream err;
  private final boolean interactive;
  private boolean countdownShown;
  private String lastPullStatus = "";

  ProgressRenderer(Console console) {
    this.err = console.err();
    this.interactive = console.interactive();
  }

  @Override
  public synchronized void on(ReconcileEvent event) {
    if (event instanceof VerificationTick tick) {
      countdown(tick);
      return;
    }
    finish();
    if (event instanceof PlanReady ready) {
      err.println((ready.rollback() ? "rollback plan: " : "plan: ") + ready.plan().summary());
      for (PlannedAction action : ready.plan().actions()) {
        err.println("  " + action.describe());
      }
    } else if (event instanceof PullProgressed pull) {
      pull(pull);
    } else if (event instanceof ImageReady image) {
      err.println((image.pulled() ? "pulled " : "present ") + image.image());
    } else if (event instanceof ContainerChanged changed) {
      err.println(changed.change().name().toLowerCase(Locale.ROOT) + " " + changed.container());
    } else if (event instanceof RollbackStarted rollback) {
      err.println(
          (rollback.recovery() ? "recovering an interrupted apply: " : "ROLLING BACK: ")
              + rollback.reason());
    } else if (event instanceof BuildOutput build) {
      err.println("build " + build.container() + ": " + build.line());
    } else if (event instanceof ImageBuilt built) {
      err.println((built.built() ? "built " : "present ") + built.tag());
    } else if (event instanceof DependencyReady ready) {
      err.println(
          ready.dependency()
              + " is "
              + ready.condition().replace("service_", "").replace('_', ' ')
              + " for "
              + ready.container());
    } else if (event instanceof Warning warning) {
      err.println("warning: " + warning.message());
    }
  }

  private void pull(PullProgressed pull) {
    // only status changes: per-byte progress would flood a log
    String status = pull.image() + " " + pull.status();
    if (interactive && !status.equals(lastPullStatus)) {
      err.println("pulling " + status);
    }
    lastPullStatus = status;
  }

  private void countdown(VerificationTick tick) {
    String line =
        String.format(
            "verifying: stable %ds/%ds, %ds left%s",
            tick.stableFor().toSeconds(),
            tick.stable().toSeconds(),
            tick.remaining().toSeconds(),
            tick.problems().isEmpty() ? "" : " - " + String.join("; ", tick.problems()));
    if (interactive) {
      err.print("\r\033[K" + line);
      countdownShown = true;
    } else if (!tick.problems().isEmpty() || tick.stableFor().isZero()) {
      err.println(line);
    }
  }

  /** Ends an in-place countdown line so that the next output starts on a fresh line. */
  synchronized void finish() {
    if (countdownShown) {
      err.println();
      countdownShown = false;
    }
  }
}
