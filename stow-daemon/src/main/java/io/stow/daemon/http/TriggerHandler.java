package io.stow.daemon.http;

import io.stow.daemon.log.DaemonLog;
import io.stow.daemon.schedule.Scheduler;
import io.stow.daemon.schedule.Scheduler.TriggerOutcome;
import io.stow.daemon.schedule.SchedulerState;
import io.stow.model.config.Secret;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /trigger?head_hash=<sha>}, or a push webhook from GitLab, GitHub, Gitea or Forgejo:
 * checks the caller ({@link TriggerAuth}), the head, and schedules a reconcile of the branch head,
 * answering 202. A push to another branch, a tag push, a branch deletion and any other event are
 * answered 200 "ignored"; GitHub's ping 200 "pong". A refused request changes nothing. Runs on a
 * worker thread: reading a body and asking the remote for the tracked branch may block.
 */
final class TriggerHandler implements HttpHandler {

  private final Scheduler scheduler;
  private final TriggerAuth auth;
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
    this.auth = new TriggerAuth(token);
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
    boolean bodyRead = false;
    try {
      HeaderMap headers = exchange.getRequestHeaders();
      List<WebhookSignature> signatures = auth.checkTokens(headers);
      Optional<String> head = Commits.query(exchange, "head_hash");
      byte[] body = new byte[0];
      if (hasBody(exchange) && (head.isEmpty() || !signatures.isEmpty())) {
        body = body(exchange);
        bodyRead = true;
      }
      auth.checkSignatures(signatures, body);
      if (head.isEmpty() && bodyRead) {
        PushEvent event = PushEvent.read(headers, body);
        if (event.isPing()) {
          log.info("trigger: a GitHub ping; the webhook reaches this daemon");
          Responses.json(
              exchange,
              200,
              "result",
              "pong",
              "reason",
              "the webhook reaches this daemon; pushes to the tracked branch trigger a reconcile");
          return;
        }
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
      if (!bodyRead && hasBody(exchange)) {
        exchange.setPersistent(false); // the body is never read: close rather than drain it
      }
      if (e.status() == 401) {
        exchange.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer realm=\"stow\"");
        log.warn("trigger refused (401): " + e.getMessage());
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

  /** Why a push event is not for this host, or empty when it moves the tracked branch. */
  private Optional<String> ignored(PushEvent event) throws BadRequest {
    if (!event.isPush()) {
      return Optional.of(
          event.kind().isEmpty()
              ? "a body that names no event (no X-GitHub-Event, X-Gitea-Event or X-Forgejo-Event"
                  + " header, no GitLab object_kind); only push events trigger a reconcile"
              : "a "
                  + event.sender().title()
                  + " '"
                  + printable(event.kind())
                  + "' event; only push events trigger a reconcile");
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
      return Optional.of(
          "a push to " + printable(event.ref()) + "; this host tracks refs/heads/" + branch);
    }
    if (event.deletesBranch()) {
      return Optional.of("the push deleted refs/heads/" + branch);
    }
    return Optional.empty();
  }

  /** At most 100 printable ASCII characters of what the sender wrote. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && out.length() < 100; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
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
        "the body is larger than "
            + maxBodyBytes / 1024
            + " KiB; a push event is smaller (the next poll deploys a push whose webhook is"
            + " refused)");
  }
}
