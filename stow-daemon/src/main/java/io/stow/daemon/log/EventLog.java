package io.stow.daemon.log;

import io.stow.engine.EngineEvents;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileEvent.ContainerChanged;
import io.stow.engine.ReconcileEvent.ImageReady;
import io.stow.engine.ReconcileEvent.NetworkEnsured;
import io.stow.engine.ReconcileEvent.PlanReady;
import io.stow.engine.ReconcileEvent.RollbackStarted;
import io.stow.engine.ReconcileEvent.StepFinished;
import io.stow.engine.ReconcileEvent.StepStarted;
import io.stow.engine.ReconcileEvent.VerificationTick;
import io.stow.engine.ReconcileEvent.Warning;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Renders the engine's events as log lines: what changes on the host (plans, pulls, containers,
 * networks, rollbacks), failed steps, warnings, and verification problems when they change. Pull
 * progress, step starts and unchanged verification polls are left out: they would bury the rest.
 */
public final class EventLog implements EngineEvents {

  private final DaemonLog log;
  private List<String> lastProblems = List.of();

  public EventLog(DaemonLog log) {
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public synchronized void on(ReconcileEvent event) {
    if (event instanceof PlanReady p) {
      if (!p.plan().isNoop()) {
        log.info((p.rollback() ? "rollback " : "") + "plan: " + p.plan().summary());
      }
    } else if (event instanceof ImageReady i) {
      if (i.pulled()) {
        log.info("pulled " + i.image());
      }
    } else if (event instanceof ContainerChanged c) {
      log.info("container " + c.container() + " " + c.change().name().toLowerCase(Locale.ROOT));
    } else if (event instanceof NetworkEnsured n) {
      log.info("network " + n.network() + " ready");
    } else if (event instanceof VerificationTick t) {
      verification(t);
    } else if (event instanceof RollbackStarted r) {
      log.warn(
          (r.recovery() ? "rolling back an interrupted apply" : "rolling back")
              + r.targetHash().map(h -> " to " + h).orElse(" (removing the new containers)")
              + ": "
              + r.reason());
    } else if (event instanceof StepFinished f) {
      if (!f.succeeded()) {
        log.warn("step " + f.label() + " failed after " + f.duration().toMillis() + " ms");
      }
    } else if (event instanceof Warning w) {
      log.warn(w.message());
    } else if (event instanceof StepStarted) {
      lastProblems = List.of();
    }
    // PullProgressed: too frequent for a log
  }

  private void verification(VerificationTick tick) {
    if (tick.problems().equals(lastProblems)) {
      return;
    }
    lastProblems = tick.problems();
    if (tick.problems().isEmpty()) {
      log.info("verification: no problems; stable for " + tick.stableFor().toSeconds() + "s");
    } else {
      log.info(
          "verification after "
              + tick.elapsed().toSeconds()
              + "s: "
              + String.join("; ", tick.problems()));
    }
  }
}
