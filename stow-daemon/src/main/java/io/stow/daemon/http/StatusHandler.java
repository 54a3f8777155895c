package io.stow.daemon.http;

import io.stow.daemon.dashboard.DashboardPage;
import io.stow.daemon.status.Badge;
import io.stow.daemon.status.RecentRuns;
import io.stow.daemon.status.StatusService;
import io.stow.daemon.status.StatusView;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.SameThreadExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /status?head_hash=}, {@code GET /gitlab.svg?git_hash=} and {@code GET /}. Runs on the
 * I/O thread: what is known answers at once; a commit that must be resolved suspends the request
 * (no thread waits) until its resolution ends or {@code resolveWait} passes, then answers {@code
 * unknown}.
 */
final class StatusHandler {

  /** Seconds between reloads of the dashboard, unless {@code ?refresh=} says otherwise. */
  static final int REFRESH = 15;

  private static final HttpString CSP = new HttpString("Content-Security-Policy");

  private final StatusService service;
  private final RecentRuns runs;
  private final Clock clock;
  private final Duration resolveWait;
  private final StatusDocuments documents = new StatusDocuments();

  StatusHandler(StatusService service, RecentRuns runs, Clock clock, Duration resolveWait) {
    this.service = Objects.requireNonNull(service, "service");
    this.runs = Objects.requireNonNull(runs, "runs");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.resolveWait = Objects.requireNonNull(resolveWait, "resolveWait");
  }

  /** {@code /status}: the status document, for {@code head_hash} when given. */
  HttpHandler status() {
    return exchange -> {
      Optional<String> commit;
      try {
        commit = Commits.query(exchange, "head_hash");
      } catch (BadRequest e) {
        Responses.error(exchange, e.status(), e.error(), e.getMessage());
        return;
      }
      if (commit.isEmpty()) {
        Responses.json(exchange, 200, documents.of(service.current()));
        return;
      }
      answer(exchange, commit.get(), view -> Responses.json(exchange, 200, documents.of(view)));
    };
  }

  /** {@code /gitlab.svg}: the badge of {@code git_hash}. */
  HttpHandler badge() {
    return exchange -> {
      String commit;
      try {
        commit = Commits.required(exchange, "git_hash");
      } catch (BadRequest e) {
        Responses.error(exchange, e.status(), e.error(), e.getMessage());
        return;
      }
      answer(
          exchange,
          commit,
          view -> Responses.send(exchange, 200, Responses.SVG, Badge.svg(view.state())));
    };
  }

  /**
   * {@code /}: the status document, or for a browser ({@code Accept: text/html}) the dashboard,
   * which reloads itself every {@code ?refresh=} seconds (default {@value #REFRESH}, 0 for never).
   */
  HttpHandler index() {
    return exchange -> {
      String accept = exchange.getRequestHeaders().getFirst(Headers.ACCEPT);
      StatusView view = service.current();
      if (accept != null && accept.contains("text/html")) {
        exchange.getResponseHeaders().put(CSP, DashboardPage.CONTENT_SECURITY_POLICY);
        Responses.send(
            exchange,
            200,
            Responses.HTML,
            DashboardPage.render(view, runs.newestFirst(), clock.instant(), refresh(exchange)));
      } else {
        Responses.json(exchange, 200, documents.of(view));
      }
    };
  }

  /** {@code ?refresh=N} within 0..3600, else the default. */
  private static int refresh(HttpServerExchange exchange) {
    java.util.Deque<String> values = exchange.getQueryParameters().get("refresh");
    if (values == null || values.isEmpty()) {
      return REFRESH;
    }
    String value = values.getFirst();
    if (value.matches("[0-9]{1,4}") && Integer.parseInt(value) <= 3600) {
      return Integer.parseInt(value);
    }
    return REFRESH;
  }

  private void answer(
      HttpServerExchange exchange, String commit, java.util.function.Consumer<StatusView> send) {
    CompletableFuture<StatusView> future = service.of(commit);
    if (future.isDone()) {
      send.accept(future.join());
      return;
    }
    exchange.dispatch(
        SameThreadExecutor.INSTANCE,
        () ->
            future
                .completeOnTimeout(
                    service.unresolved(
                        commit, "the commit is still being resolved; ask again in a few seconds"),
                    resolveWait.toMillis(),
                    TimeUnit.MILLISECONDS)
                .whenComplete(
                    (view, error) -> {
                      if (error != null) {
                        Responses.error(
                            exchange, 500, "internal error", "the status could not be computed");
                      } else {
                        send.accept(view);
                      }
                    }));
  }
}
