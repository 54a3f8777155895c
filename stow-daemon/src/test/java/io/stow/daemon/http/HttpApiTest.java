package io.stow.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stow.daemon.fakes.FakeHostActions;
import io.stow.daemon.fakes.ManualExecutor;
import io.stow.daemon.fakes.ManualPollTimer;
import io.stow.daemon.fakes.MutableClock;
import io.stow.daemon.fakes.RecordingLog;
import io.stow.daemon.host.HostStatusCache;
import io.stow.daemon.host.RevisionResolver;
import io.stow.daemon.host.TokenBucket;
import io.stow.daemon.log.LibraryLogs;
import io.stow.daemon.metrics.DaemonMetrics;
import io.stow.daemon.metrics.NotificationStats;
import io.stow.daemon.metrics.PrometheusText;
import io.stow.daemon.schedule.RunListener;
import io.stow.daemon.schedule.Scheduler;
import io.stow.daemon.status.RecentRuns;
import io.stow.daemon.status.StatusService;
import io.stow.engine.ResolvedRevision;
import io.stow.model.config.ListenAddress;
import io.stow.model.config.Secret;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoints over real HTTP on loopback, in front of a fake host and a manual scheduler. */
class HttpApiTest {

  static final String TOKEN = "trigger-SENTINEL-0123456789";
  static final String A = "a".repeat(40);
  static final String B = "b".repeat(40);
  static final String UNKNOWN = "e".repeat(64);

  final MutableClock clock = new MutableClock();
  final RecordingLog log = new RecordingLog();
  final FakeHostActions host =
      new FakeHostActions().commit(A, "hash-a").commit(B, "hash-b").head(A).running(A);
  final ManualExecutor runner = new ManualExecutor();
  final ExecutorService resolvers = Executors.newFixedThreadPool(2);
  final HostStatusCache hosts =
      new HostStatusCache(host::status, clock, Duration.ofSeconds(1), Runnable::run, log.log());
  final RevisionResolver resolver =
      new RevisionResolver(
          host::resolve,
          resolvers,
          16,
          new TokenBucket(clock, 2, Duration.ofHours(1)),
          Duration.ofMinutes(1),
          clock,
          log.log());
  final RecentRuns runs = new RecentRuns();
  final DaemonMetrics metrics =
      new DaemonMetrics(
          () -> this.scheduler.state(),
          () -> this.scheduler.triggerCounts(),
          hosts::current,
          resolver::stats,
          NotificationStats.NONE);
  final Scheduler scheduler =
      new Scheduler(
          host,
          hosts,
          resolver,
          runner,
          new ManualPollTimer(),
          Duration.ofMinutes(5),
          clock,
          log.log(),
          RunListener.all(List.of(metrics.runs(), runs)));
  final HttpClient client = HttpClient.newHttpClient();
  DaemonServer server;

  void serve(Optional<Secret> token, HttpLimits limits) {
    LibraryLogs.routeTo(log.log());
    server =
        new DaemonServer(
            new ListenAddress("127.0.0.1", 0),
            Optional.empty(),
            HttpApi.handler(
                scheduler,
                new StatusService(scheduler, hosts, resolver),
                runs,
                metrics,
                clock,
                token,
                host::trackedBranch,
                limits,
                log.log()),
            limits);
    server.start();
  }

  void serve() {
    serve(Optional.of(Secret.of(TOKEN)), HttpLimits.defaults().withMaxBodyBytes(4096));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    resolvers.shutdownNow();
    assertThat(log.text()).doesNotContain(TOKEN);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest.Builder at(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(server.url() + pathAndQuery))
        .timeout(Duration.ofSeconds(10));
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    return new ObjectMapper().readTree(response.body());
  }

  void startScheduler() {
    scheduler.start();
    runner.runAll();
  }

  @Test
  void healthz_is503UntilTheStartRunEnds_then200() throws Exception {
    serve();
    HttpResponse<String> starting = send(at("/healthz"));
    assertThat(starting.statusCode()).isEqualTo(503);
    assertThat(json(starting).get("reason").asText()).contains("rolling back");

    startScheduler();

    assertThat(send(at("/healthz")).statusCode()).isEqualTo(200);
  }

  @Test
  void trigger_withTheToken_is202_andQueuesAReconcile() throws Exception {
    serve();
    startScheduler();

    HttpResponse<String> response =
        send(
            at("/trigger?head_hash=" + B.toUpperCase())
                .header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(202);
    JsonNode body = json(response);
    assertThat(body.get("result").asText()).isEqualTo("started");
    assertThat(body.get("head_hash").asText()).isEqualTo(B);
    assertThat(scheduler.state().activeHeadHash()).contains(B);
    assertThat(runner.pending()).isEqualTo(1);
  }

  @Test
  void trigger_withGitLabsTokenHeader_isAccepted() throws Exception {
    serve();
    startScheduler();

    HttpResponse<String> response =
        send(
            at("/trigger?head_hash=" + B)
                .header("X-Gitlab-Token", TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  void trigger_withoutOrWithAWrongToken_is401_andChangesNothing() throws Exception {
    serve();
    startScheduler();
    long calls = host.calls().size();

    HttpResponse<String> missing =
        send(at("/trigger?head_hash=" + B).POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> wrong =
        send(
            at("/trigger?head_hash=" + B)
                .header("Authorization", "Bearer " + TOKEN + "x")
                .POST(HttpRequest.BodyPublishers.noBody()));

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"stow\"");
    assertThat(json(missing).get("reason").asText()).contains("Authorization: Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(json(wrong).get("reason").asText()).contains("does not match");
    assertThat(wrong.body()).doesNotContain(TOKEN);
    assertThat(runner.pending()).isZero();
    assertThat(host.calls()).hasSize((int) calls);
    assertThat(scheduler.state().activeHeadHash()).isEmpty();
  }

  @Test
  void trigger_withABadHeadHash_is400_withTheReason() throws Exception {
    serve();
    startScheduler();

    for (String bad : new String[] {"abc", "g".repeat(40), "a".repeat(41), A + "&head_hash=" + B}) {
      HttpResponse<String> response =
          send(
              at("/trigger?head_hash=" + bad)
                  .header("Authorization", "Bearer " + TOKEN)
                  .POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(json(response).get("reason").asText()).contains("head_hash");
    }
    assertThat(runner.pending()).isZero();
  }

  @Test
  void trigger_withAnOversizedBody_is413() throws Exception {
    serve();
    startScheduler();

    HttpResponse<String> response =
        send(
            at("/trigger")
                .header("Authorization", "Bearer " + TOKEN)
                .POST(
                    HttpRequest.BodyPublishers.ofString("{\"x\":\"" + "y".repeat(10_000) + "\"}")));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(json(response).get("reason").asText()).contains("larger than 4 KiB");
    assertThat(runner.pending()).isZero();
  }

  @Test
  void aPushEventWebhook_triggersForTheTrackedBranch_andIsIgnoredForOthers() throws Exception {
    serve();
    startScheduler();

    HttpResponse<String> other = send(webhook("refs/heads/feature", B));
    HttpResponse<String> tag = send(webhookKind("tag_push", "refs/tags/v1", B));
    HttpResponse<String> deleted = send(webhook("refs/heads/main", "0".repeat(40)));
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(json(other).get("result").asText()).isEqualTo("ignored");
    assertThat(json(other).get("reason").asText()).contains("refs/heads/main");
    assertThat(json(tag).get("result").asText()).isEqualTo("ignored");
    assertThat(json(deleted).get("result").asText()).isEqualTo("ignored");
    assertThat(runner.pending()).isZero();

    HttpResponse<String> main = send(webhook("refs/heads/main", B));

    assertThat(main.statusCode()).isEqualTo(202);
    assertThat(json(main).get("head_hash").asText()).isEqualTo(B);
    assertThat(scheduler.state().activeHeadHash()).contains(B);
  }

  @Test
  void aBodyThatIsNotJson_is400() throws Exception {
    serve();
    startScheduler();

    HttpResponse<String> response =
        send(
            at("/trigger")
                .header("X-Gitlab-Token", TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("head=" + B)));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("reason").asText()).contains("not JSON");
  }

  @Test
  void aPushEventWithBytesAfterItsJson_is400_andSchedulesNothing() throws Exception {
    serve();
    startScheduler();
    String push = "{\"object_kind\":\"push\",\"ref\":\"refs/heads/main\",\"after\":\"" + B + "\"}";

    HttpResponse<String> response =
        send(
            at("/trigger")
                .header("X-Gitlab-Token", TOKEN)
                .header("X-Gitlab-Event", "Push Hook")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(push + "garbage")));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("reason").asText())
        .contains("goes on after its JSON document")
        .doesNotContain("garbage");
    assertThat(runner.pending()).isZero();
    assertThat(scheduler.state().activeHeadHash()).isEmpty();
  }

  HttpRequest.Builder webhook(String ref, String after) {
    return webhookKind("push", ref, after);
  }

  HttpRequest.Builder webhookKind(String kind, String ref, String after) {
    String body =
        "{\"object_kind\":\""
            + kind
            + "\",\"ref\":\""
            + ref
            + "\",\"before\":\""
            + A
            + "\",\"after\":\""
            + after
            + "\",\"commits\":[]}";
    return at("/trigger")
        .header("X-Gitlab-Token", TOKEN)
        .header("X-Gitlab-Event", "Push Hook")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  @Test
  void wrongMethods_are405_withAllow_andUnknownPaths404() throws Exception {
    serve();

    HttpResponse<String> getTrigger = send(at("/trigger"));
    HttpResponse<String> postStatus = send(at("/status").POST(HttpRequest.BodyPublishers.noBody()));
    HttpResponse<String> deleteBadge = send(at("/gitlab.svg?git_hash=" + A).DELETE());
    HttpResponse<String> unknown = send(at("/status/"));

    assertThat(getTrigger.statusCode()).isEqualTo(405);
    assertThat(getTrigger.headers().firstValue("Allow")).contains("POST");
    assertThat(json(getTrigger).get("error").asText()).isEqualTo("method not allowed");
    assertThat(postStatus.statusCode()).isEqualTo(405);
    assertThat(postStatus.headers().firstValue("Allow")).contains("GET, HEAD");
    assertThat(deleteBadge.statusCode()).isEqualTo(405);
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("reason").asText()).contains("/trigger");
  }

  @Test
  void status_ofTheRunningCommit_isRunning_withoutAnyDownload() throws Exception {
    serve();
    startScheduler();

    HttpResponse<String> response = send(at("/status?head_hash=" + A));

    JsonNode body = json(response);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(body.get("state").asText()).isEqualTo("running");
    assertThat(body.get("status_label").asText()).isEqualTo("at-requested-head");
    assertThat(body.get("expected_hash").asText()).isEqualTo("hash-a");
    assertThat(body.get("current_hash").asText()).isEqualTo("hash-a");
    assertThat(body.get("containers").get(0).get("name").asText()).isEqualTo("web");
    assertThat(host.calls()).noneMatch(c -> c.startsWith("resolve"));
  }

  @Test
  void status_ofAnotherCommit_resolvesIt_once() throws Exception {
    serve();
    startScheduler();

    JsonNode first = json(send(at("/status?head_hash=" + B)));
    JsonNode second = json(send(at("/status?head_hash=" + B)));

    assertThat(first.get("state").asText()).isEqualTo("different");
    assertThat(first.get("status_label").asText()).isEqualTo("different-head-idle");
    assertThat(first.get("expected_hash").asText()).isEqualTo("hash-b");
    assertThat(second.get("expected_hash").asText()).isEqualTo("hash-b");
    assertThat(host.count("resolve " + B)).isEqualTo(1);
  }

  @Test
  void aSlowResolution_holdsNoThread_andAnswersUnknownAfterTheWait() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    host.duringResolve(
        () -> {
          await(release);
          return new ResolvedRevision(UNKNOWN, io.stow.daemon.fakes.Reports.hashes("late"));
        });
    serve(
        Optional.of(Secret.of(TOKEN)),
        HttpLimits.defaults().withResolveWait(Duration.ofMillis(300)));
    startScheduler();

    CompletableFuture<HttpResponse<String>> slow =
        client.sendAsync(
            at("/gitlab.svg?git_hash=" + UNKNOWN).build(), HttpResponse.BodyHandlers.ofString());
    // meanwhile the daemon answers at once
    assertThat(send(at("/healthz")).statusCode()).isEqualTo(200);
    assertThat(json(send(at("/status?head_hash=" + A))).get("state").asText()).isEqualTo("running");

    HttpResponse<String> badge = slow.get(10, TimeUnit.SECONDS);
    assertThat(badge.body()).contains(">unknown</text>");
    release.countDown();
  }

  @Test
  void theBadge_isSvg_uncached_andSaysTheState() throws Exception {
    serve();
    startScheduler();

    HttpResponse<String> badge = send(at("/gitlab.svg?git_hash=" + A));
    HttpResponse<String> missing = send(at("/gitlab.svg"));

    assertThat(badge.statusCode()).isEqualTo(200);
    assertThat(badge.headers().firstValue("Content-Type")).contains("image/svg+xml");
    assertThat(badge.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(badge.body()).contains(">running</text>").contains("#4c1");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).get("reason").asText()).contains("git_hash");
  }

  @Test
  void theRoot_isTheStatusJson_orAPageForABrowser() throws Exception {
    serve();
    startScheduler();

    JsonNode json = json(send(at("/")));
    HttpResponse<String> page = send(at("/").header("Accept", "text/html,*/*"));

    assertThat(json.get("status_label").asText()).isEqualTo("idle");
    assertThat(page.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(page.headers().firstValue("Content-Security-Policy"))
        .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'none'"));
    assertThat(page.body())
        .contains("id=\"deployment\"")
        .contains("hash-a")
        .contains("<meta http-equiv=\"refresh\" content=\"15\">");
    assertThat(send(at("/?refresh=0").header("Accept", "text/html")).body())
        .doesNotContain("http-equiv=\"refresh\"");
  }

  @Test
  void metrics_areThePrometheusTextFormat_andCountTriggersAndRuns() throws Exception {
    serve();
    startScheduler();
    send(
        at("/trigger?head_hash=" + B)
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.noBody()));
    host.head(B);
    runner.runAll();

    HttpResponse<String> response = send(at("/metrics"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .contains("text/plain; version=0.0.4; charset=utf-8");
    PrometheusText text = PrometheusText.parse(response.body());
    assertThat(
            text.value("stow_triggers_total", "stow_triggers_total", Map.of("outcome", "started")))
        .isEqualTo(1);
    assertThat(
            text.value(
                "stow_reconciles_total",
                "stow_reconciles_total",
                Map.of("kind", "reconcile", "result", "succeeded")))
        .isEqualTo(1);
    assertThat(send(at("/metrics").POST(HttpRequest.BodyPublishers.noBody())).statusCode())
        .isEqualTo(405);
  }

  @Test
  void tooManyHeaders_areRefused() throws Exception {
    serve();
    StringBuilder request = new StringBuilder("GET /healthz HTTP/1.1\r\nHost: x\r\n");
    for (int i = 0; i < 100; i++) {
      request.append("X-Header-").append(i).append(": v\r\n");
    }
    request.append("\r\n");

    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(answer).isIn("", "HTTP/1.1 400");
    }
  }

  /** What {@link RequestParsingFuzzTest} leaves to Undertow never reaches a handler. */
  @Test
  void aBrokenEscapeOrTooManyParameters_isRefusedBeforeAnyHandler() throws Exception {
    serve();
    startScheduler();
    StringBuilder many = new StringBuilder("/status?head_hash=" + UNKNOWN);
    for (int i = 0; i < HttpLimits.defaults().maxParameters(); i++) {
      many.append("&p").append(i).append("=1");
    }

    for (String target :
        new String[] {"/status?head_hash=%zz", "/status?head_hash=%4", many + ""}) {
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(5000);
        OutputStream out = socket.getOutputStream();
        out.write(
            ("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String answer =
            new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        assertThat(answer).as(target).isIn("", "HTTP/1.1 400");
      }
    }
    assertThat(host.calls()).noneMatch(call -> call.startsWith("resolve"));
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
