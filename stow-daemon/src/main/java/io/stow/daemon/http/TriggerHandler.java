package io.stow.daemon.http;

import io.stow.daemon.log.DaemonLog;
import io.stow.daemon.schedule.Scheduler;
import io.stow.daemon.schedule.Scheduler.TriggerOutcome;
import io.stow.daemon.schedule.SchedulerState;
import io.stow.model.config.Secret;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /trigger?head_hash=<sha>}, or a GitLab push-event webhook body: checks the trigger
 * token (constant time), the head, and schedules a reconcile of the branch head, answering 202. A
 * push to another branch, a tag push or a branch deletion is answered 200 "ignored". Runs on a
 * worker thread: reading a body and asking GitLab for the tracked branch may block.
 */
final class TriggerHandler implements HttpHandler {

  static final HttpString GITLAB_TOKEN = new HttpString("X-Gitlab-Token");
  private static final String BEARER = "Bearer ";

  private final Scheduler scheduler;
  private final Optional<Secret> token;
  private final Supplier<String> trackedBranch;
  private final long maxBodyBytes;
  private final DaemonLog log;

  TriggerHandler(
      Scheduler scheduler,
      Optional<Secret> token,
      Supplier<String> trackedBranch,
      long maxBodyBytes,
      DaemonLog log) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.token = Objects.requireNonNull(token, "token");
    this.trackedBranch = Objects.requireNonNull(trackedBranch, "trackedBranch");
    this.maxBodyBytes = maxBodyBytes;
    this.log = Objects.requireNonNull(log, "log");
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    try {
      authorize(exchange);
      Optional<String> head = Commits.query(exchange, "head_hash");
      if (head.isEmpty() && hasBody(exchange)) {
        PushEvent event = PushEvent.parse(body(exchange));
        Optional<String> ignored = ignored(event);
        if (ignored.isPresent()) {
          log.info("trigger ignored: " + ignored.get());
          Responses.json(exchange, 200, "result", "ignored", "reason", ignored.get());
          return;
        }
        head = Optional.of(Commits.parse("after", event.after()));
      }
      accept(exchange, head);
    } catch (BadRequest e) {
      if (e.status() == 413) {
        exchange.setPersistent(false); // the rest of the body is not read
      }
      Responses.error(exchange, e.status(), e.error(), e.getMessage());
    }
  }

  private void accept(HttpServerExchange exchange, Optional<String> head) {
    TriggerOutcome outcome = scheduler.trigger(head);
    if (outcome == TriggerOutcome.REFUSED) {
      Responses.error(
          exchange, 503, "shutting down", "the daemon is stopping; trigger again once it is back");
      return;
    }
    String result = outcome == TriggerOutcome.STARTED ? "started" : "queued";
    log.info("trigger " + head.orElse("without head_hash") + ": " + result);
    SchedulerState s = scheduler.state();
    Responses.json(
        exchange,
        202,
        "result",
        result,
        "head_hash",
        head.orElse(null),
        "phase",
        s.phase().label(),
        "queued",
        s.queued(),
        "status",
        head.map(h -> "/status?head_hash=" + h).orElse("/status"));
  }

  /** Checks the trigger token, when one is configured. */
  private void authorize(HttpServerExchange exchange) throws BadRequest {
    if (token.isEmpty()) {
      return;
    }
    Optional<String> given = presented(exchange);
    if (given.isEmpty()) {
      exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"stow\"");
      throw new BadRequest(
          401,
          "unauthorized",
          "this daemon needs its trigger token: send Authorization: Bearer <triggerToken>, or"
              + " set it as the secret token of the GitLab webhook (X-Gitlab-Token)");
    }
    if (!token.get().matches(given.get())) {
      exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"stow\"");
      throw new BadRequest(
          401,
          "unauthorized",
          "the trigger token does not match the daemon's triggerToken; check the CI variable or"
              + " the webhook's secret token");
    }
  }

  private static Optional<String> presented(HttpServerExchange exchange) {
    String authorization = exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION);
    if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Optional.of(authorization.substring(BEARER.length()).strip());
    }
    String gitlab = exchange.getRequestHeaders().getFirst(GITLAB_TOKEN);
    return Optional.ofNullable(gitlab);
  }

  /** Why a push event is not for this host, or empty when it moves the tracked branch. */
  private Optional<String> ignored(PushEvent event) throws BadRequest {
    if (!event.isPush()) {
      return Optional.of(
          "a GitLab '" + event.objectKind() + "' event; only push events trigger a reconcile");
    }
    String branch;
    try {
      branch = trackedBranch.get();
    } catch (RuntimeException e) {
      throw new BadRequest(
          503,
          "unavailable",
          "cannot tell which branch this host tracks (" + e.getMessage() + "); try again later");
    }
    if (!event.isBranch(branch)) {
      return Optional.of("a push to " + event.ref() + "; this host tracks refs/heads/" + branch);
    }
    if (event.deletesBranch()) {
      return Optional.of("the push deleted refs/heads/" + branch);
    }
    return Optional.empty();
  }

  private static boolean hasBody(HttpServerExchange exchange) {
    HeaderValues length = exchange.getRequestHeaders().get(Headers.CONTENT_LENGTH);
    if (length != null) {
      return !"0".equals(length.getFirst());
    }
    return exchange.getRequestHeaders().contains(Headers.TRANSFER_ENCODING);
  }

  private byte[] body(HttpServerExchange exchange) throws BadRequest {
    if (exchange.getRequestContentLength() > maxBodyBytes) {
      throw tooLarge();
    }
    exchange.startBlocking();
    try (InputStream in = exchange.getInputStream()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
      if (body.length > maxBodyBytes) {
        throw tooLarge();
      }
      return body;
    } catch (RequestTooBigException e) {
      throw tooLarge();
    } catch (IOException e) {
      throw BadRequest.invalid("the body could not be read to its end");
    }
  }

  private BadRequest tooLarge() {
    return new BadRequest(
        413,
        "payload too large",
        "the body is larger than " + maxBodyBytes / 1024 + " KiB; a push event is smaller");
  }
}
