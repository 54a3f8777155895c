package io.stow.daemon.http;

import io.stow.daemon.log.DaemonLog;
import io.stow.daemon.metrics.DaemonMetrics;
import io.stow.daemon.schedule.Scheduler;
import io.stow.daemon.status.RecentRuns;
import io.stow.daemon.status.StatusService;
import io.stow.model.config.Secret;
import io.undertow.server.HttpHandler;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/** The daemon's endpoints, as one Undertow handler. */
public final class HttpApi {

  private HttpApi() {}

  /**
   * {@code POST /trigger}, {@code GET /status}, {@code GET /gitlab.svg}, {@code GET /} (JSON, or
   * the dashboard for a browser), {@code GET /metrics} and {@code GET /healthz}.
   *
   * @param runs the last runs, for the dashboard
   * @param trackedBranch the branch whose push events trigger (may ask the remote once)
   */
  public static HttpHandler handler(
      Scheduler scheduler,
      StatusService status,
      RecentRuns runs,
      DaemonMetrics metrics,
      Clock clock,
      Optional<Secret> triggerToken,
      Supplier<String> trackedBranch,
      HttpLimits limits,
      DaemonLog log) {
    StatusHandler statusHandler = new StatusHandler(status, runs, clock, limits.resolveWait());
    return new Routes()
        .get("/", statusHandler.index())
        .get("/status", statusHandler.status())
        .get("/gitlab.svg", statusHandler.badge())
        .get(
            "/metrics",
            exchange -> Responses.send(exchange, 200, DaemonMetrics.CONTENT_TYPE, metrics.scrape()))
        .get(
            "/healthz",
            exchange -> {
              if (scheduler.state().ready()) {
                Responses.json(exchange, 200, "status", "ok");
              } else {
                Responses.json(
                    exchange,
                    503,
                    "status",
                    "starting",
                    "reason",
                    "the daemon is rolling back an apply that an earlier run left open, if any;"
                        + " ready when that is done");
              }
            })
        .post(
            "/trigger",
            new TriggerHandler(scheduler, triggerToken, trackedBranch, limits.maxBodyBytes(), log));
  }
}
