package io.stow.daemon.http;

import io.stow.daemon.log.DaemonLog;
import io.stow.daemon.schedule.Scheduler;
import io.stow.daemon.status.StatusService;
import io.stow.model.config.Secret;
import io.undertow.server.HttpHandler;
import java.util.Optional;
import java.util.function.Supplier;

/** The daemon's endpoints, as one Undertow handler. */
public final class HttpApi {

  private HttpApi() {}

  /**
   * {@code POST /trigger}, {@code GET /status}, {@code GET /gitlab.svg}, {@code GET /} and {@code
   * GET /healthz}.
   *
   * @param trackedBranch the branch whose push events trigger (may ask the remote once)
   */
  public static HttpHandler handler(
      Scheduler scheduler,
      StatusService status,
      Optional<Secret> triggerToken,
      Supplier<String> trackedBranch,
      HttpLimits limits,
      DaemonLog log) {
    StatusHandler statusHandler = new StatusHandler(status, limits.resolveWait());
    return new Routes()
        .get("/", statusHandler.index())
        .get("/status", statusHandler.status())
        .get("/gitlab.svg", statusHandler.badge())
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
