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
import io.stow.daemon.schedule.RunListener;
import io.stow.daemon.schedule.Scheduler;
import io.stow.daemon.status.RecentRuns;
import io.stow.daemon.status.StatusService;
import io.stow.model.config.ListenAddress;
import io.stow.model.config.Secret;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Push webhooks from GitHub, Gitea and Forgejo over real HTTP on loopback, in front of a fake host
 * and a manual scheduler: a signed push to the tracked branch triggers; anything else is ignored or
 * refused and changes nothing.
 */
class WebhookTriggerTest {

  static final String TOKEN = "trigger-SENTINEL-9a8b7c6d5e";
  static final String A = "a".repeat(40);
  static final String B = "b".repeat(40);
  static final String ZERO = "0".repeat(40);

  final MutableClock clock = new MutableClock();
  final RecordingLog log = new RecordingLog();
  final FakeHostActions host = new FakeHostActions().commit(A, "hash-a").head(A).running(A);
  final ManualExecutor runner = new ManualExecutor();
  final HostStatusCache hosts =
      new HostStatusCache(host::status, clock, Duration.ofSeconds(1), Runnable::run, log.log());
  final RevisionResolver resolver =
      new RevisionResolver(
          host::resolve,
          Runnable::run,
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

  @BeforeEach
  void serve() {
    LibraryLogs.routeTo(log.log());
    HttpLimits limits = HttpLimits.defaults().withMaxBodyBytes(8192);
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
                Optional.of(Secret.of(TOKEN)),
                host::trackedBranch,
                limits,
                log.log()),
            limits);
    server.start();
    scheduler.start();
    runner.runAll();
  }

  @AfterEach
  void stop() {
    server.close();
    assertThat(log.text()).doesNotContain(TOKEN);
  }

  static String push(String ref, String after, boolean deleted) {
    return "{\"ref\":\""
        + ref
        + "\",\"before\":\""
        + A
        + "\",\"after\":\""
        + after
        + "\",\"created\":false,\"deleted\":"
        + deleted
        + ",\"repository\":{\"full_name\":\"ops/deployments\"},\"commits\":[]}";
  }

  static String sign(String body) {
    return WebhookSignature.hex(Secret.of(TOKEN), body.getBytes(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder post(String body) {
    return HttpRequest.newBuilder(URI.create(server.url() + "/trigger"))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  HttpRequest.Builder github(String event, String body, String signature) {
    return post(body)
        .header("X-GitHub-Event", event)
        .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
        .header("X-Hub-Signature-256", "sha256=" + signature);
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> response) throws Exception {
    return new ObjectMapper().readTree(response.body());
  }

  void assertNothingScheduled() {
    assertThat(runner.pending()).isZero();
    assertThat(scheduler.state().activeHeadHash()).isEmpty();
    assertThat(scheduler.state().queued()).isFalse();
  }

  @Test
  void aSignedGitHubPushToTheTrackedBranch_triggersWithItsHead() throws Exception {
    String body = push("refs/heads/main", B, false);

    HttpResponse<String> response = send(github("push", body, sign(body)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(json(response).get("head_hash").asText()).isEqualTo(B);
    assertThat(scheduler.state().activeHeadHash()).contains(B);
    assertThat(runner.pending()).isEqualTo(1);
  }

  @Test
  void aGitHubPushAsAForm_isSignedOverTheFormBytes_andTriggers() throws Exception {
    String form =
        "payload=" + URLEncoder.encode(push("refs/heads/main", B, false), StandardCharsets.UTF_8);

    HttpResponse<String> response =
        send(
            github("push", form, sign(form))
                .setHeader("Content-Type", "application/x-www-form-urlencoded"));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(scheduler.state().activeHeadHash()).contains(B);
  }

  @Test
  void gitHubsPing_answers200_andSchedulesNothing() throws Exception {
    String body = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}";

    HttpResponse<String> response = send(github("ping", body, sign(body)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("result").asText()).isEqualTo("pong");
    assertNothingScheduled();
  }

  @Test
  void pushesThatDoNotMoveTheTrackedBranch_andOtherEvents_areIgnored() throws Exception {
    String other = push("refs/heads/feature", B, false);
    String tag = push("refs/tags/v1", B, false);
    String deleted = push("refs/heads/main", ZERO, true);
    String issue = "{\"action\":\"opened\"}";

    for (HttpRequest.Builder request :
        new HttpRequest.Builder[] {
          github("push", other, sign(other)),
          github("push", tag, sign(tag)),
          github("push", deleted, sign(deleted)),
          github("issues", issue, sign(issue))
        }) {
      HttpResponse<String> response = send(request);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      assertThat(json(response).get("result").asText()).isEqualTo("ignored");
    }
    assertNothingScheduled();
    assertThat(log.text())
        .contains("a push to refs/heads/feature; this host tracks refs/heads/main")
        .contains("a push to refs/tags/v1")
        .contains("the push deleted refs/heads/main")
        .contains("a GitHub 'issues' event");
  }

  @Test
  void aWrongOrMissingSignature_is401_andChangesNothing() throws Exception {
    String body = push("refs/heads/main", B, false);
    String otherBody = push("refs/heads/main", A, false);
    String signedWithAnotherSecret =
        WebhookSignature.hex(Secret.of(TOKEN + "x"), body.getBytes(StandardCharsets.UTF_8));

    HttpResponse<String> wrongKey = send(github("push", body, signedWithAnotherSecret));
    HttpResponse<String> otherBodys = send(github("push", body, sign(otherBody)));
    HttpResponse<String> missing = send(post(body).header("X-GitHub-Event", "push"));
    HttpResponse<String> malformed =
        send(post(body).header("X-GitHub-Event", "push").header("X-Hub-Signature-256", sign(body)));

    for (HttpResponse<String> response : new HttpResponse[] {wrongKey, otherBodys, missing}) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
      assertThat(response.body()).doesNotContain(TOKEN);
    }
    assertThat(json(wrongKey).get("reason").asText())
        .contains("X-Hub-Signature-256 signature does not match");
    assertThat(json(missing).get("reason").asText()).contains("GitHub, Gitea or Forgejo webhook");
    assertThat(malformed.statusCode()).isEqualTo(401);
    assertThat(json(malformed).get("reason").asText()).contains("sha256=<64 hex characters>");
    assertNothingScheduled();
    assertThat(log.text()).contains("trigger refused (401)");
  }

  @Test
  void signedGiteaAndForgejoPushes_trigger() throws Exception {
    String body = push("refs/heads/main", B, false);
    HttpResponse<String> gitea =
        send(
            post(body)
                .header("X-Gitea-Event", "push")
                .header("X-GitHub-Event", "push")
                .header("X-Gitea-Signature", sign(body))
                .header("X-Hub-Signature-256", "sha256=" + sign(body)));
    assertThat(gitea.statusCode()).as(gitea.body()).isEqualTo(202);
    assertThat(scheduler.state().activeHeadHash()).contains(B);
    runner.runAll();

    String forgejoBody = push("refs/heads/main", A, false);
    HttpResponse<String> forgejo =
        send(
            post(forgejoBody)
                .header("X-Forgejo-Event", "push")
                .header("X-Gitea-Event", "push")
                .header("X-Forgejo-Signature", sign(forgejoBody))
                .header("X-Gitea-Signature", sign(forgejoBody)));
    assertThat(forgejo.statusCode()).as(forgejo.body()).isEqualTo(202);
    assertThat(json(forgejo).get("head_hash").asText()).isEqualTo(A);
  }

  @Test
  void aGiteaWebhookWithItsAuthorizationHeader_andNoSecret_triggers() throws Exception {
    String body = push("refs/heads/main", B, false);

    HttpResponse<String> response =
        send(
            post(body)
                .header("X-Gitea-Event", "push")
                .header("X-Gitea-Signature", "")
                .header("X-Hub-Signature-256", "sha256=")
                .header("Authorization", "Bearer " + TOKEN));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    assertThat(scheduler.state().activeHeadHash()).contains(B);
  }

  @Test
  void aGiteaDeliveryOfAnotherEvent_isIgnored() throws Exception {
    String body = "{\"ref\":\"main\",\"ref_type\":\"branch\"}";

    HttpResponse<String> response =
        send(post(body).header("X-Gitea-Event", "delete").header("X-Gitea-Signature", sign(body)));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("reason").asText()).contains("a Gitea 'delete' event");
    assertNothingScheduled();
  }

  @Test
  void anOversizedSignedBody_is413_beforeItIsSent() throws Exception {
    // only the headers go out: the answer must come without the daemon waiting for the body
    String request =
        "POST /trigger HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            + "X-GitHub-Event: push\r\nX-Hub-Signature-256: sha256="
            + "0".repeat(64)
            + "\r\nContent-Length: 50000000\r\n\r\n";
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(answer).isEqualTo("HTTP/1.1 413");
    }
    assertNothingScheduled();
  }
}
