package io.stow.it;

import static io.stow.it.support.NotifyPayloads.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.it.gitlab.FakeCommitStatus;
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.gitlab.Route;
import io.stow.it.support.DaemonClient;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.InProcessDaemon;
import io.stow.it.support.NotificationReceiver;
import io.stow.it.support.NotifyPayloads;
import io.stow.it.support.SopsDotenv;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stow daemon} with a receiver of every notification format on loopback and {@code
 * commitStatus: true} against the fake GitLab: a deployment that changes the host is {@code
 * deployed}, a no-op poll sends nothing, a deployment that fails verification and is rolled back is
 * one {@code rolled-back} at each target that subscribed to it, in that target's format, with the
 * reason; no payload, header (but each target's own token) or log line holds a secret. GitLab gets
 * {@code running} then {@code success} or {@code failed} on each commit, named {@code
 * stow/<subfolder>}.
 */
class DaemonNotificationsIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  static final String SENTINEL = "SENTINEL";
  static final String TOKEN = "glpat-SENTINEL-notify-5d2e";
  static final String ENV_SECRET = "SENTINEL-env-value-8c1f";
  static final String FILE_SECRET = "SENTINEL-sops-value-3b9a";
  static final String HOOK_TOKEN = "SENTINEL-hook-token-61aa";
  static final String NTFY_TOKEN = "tk_SENTINEL_ntfy_0c4d";
  static final String GOTIFY_TOKEN = "SENTINEL-gotify-app-77e2";
  static final String BASE_URL = "https://host-1.example.com:17403";
  static final Duration CONVERGE = Duration.ofSeconds(120);
  static final Duration DELIVERED = Duration.ofSeconds(30);
  static final List<String> FORMATS =
      List.of("json", "ntfy", "discord", "slack", "gotify", "apprise");

  final ImageRef image = TestImages.get().first();
  final Map<String, NotificationReceiver> receivers = new LinkedHashMap<>();
  NotificationReceiver deploysOnly;
  FakeGitLab gitlab;
  FakeProject project;
  InProcessDaemon daemon;

  @TempDir Path temp;

  @BeforeEach
  void receivers() {
    FORMATS.forEach(f -> receivers.put(f, NotificationReceiver.start()));
    deploysOnly = NotificationReceiver.start();
    gitlab = FakeGitLab.start();
    gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", true);
    project = gitlab.createProject("ops/deployments").member("host-bot");
  }

  @AfterEach
  void stop() {
    try {
      if (daemon != null) {
        daemon.close();
        assertThat(daemon.log()).doesNotContain(SENTINEL);
      }
    } finally {
      receivers.values().forEach(NotificationReceiver::close);
      deploysOnly.close();
      gitlab.close();
    }
  }

  @Test
  void aDeploymentThenARollback_reachEachSubscribedTargetOnce_inItsFormat_andGitLab() {
    SopsDotenv.AgeKey key = SopsDotenv.AgeKey.generate();
    String encrypted = SopsDotenv.encrypt(Map.of("DB_PASSWORD", FILE_SECRET), key.recipient());
    String deployment = docker.name("notify");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit(
            "main",
            "v1",
            Map.of(
                "host-1/stow.yaml",
                yaml(deployment, web, "sleep 3600"),
                "host-1/secrets.env",
                encrypted));
    daemon = InProcessDaemon.start(config(key).write(), docker);
    DaemonClient client = daemon.client();

    // the start-up poll deploys v1: deployed, everywhere
    assertThat(client.awaitIdle(CONVERGE).path("last_result").asText()).isEqualTo("ok");
    receivers.forEach((format, r) -> awaitEvents(format, r, "deployed"));
    awaitEvents("json", deploysOnly, "deployed");
    JsonNode deployed = receivers.get("json").requests().get(0).json();
    assertThat(deployed.path("commit").asText()).isEqualTo(v1);
    assertThat(deployed.path("result").asText()).isEqualTo("succeeded");
    awaitStatuses(v1, "running", "success");

    // polls that find nothing to do send nothing and set no status
    awaitPoll();
    receivers.forEach(
        (format, r) -> assertThat(events(format, r.requests())).containsExactly("deployed"));
    assertThat(project.commitStatuses(v1)).hasSize(2);

    // v2 fails verification and is rolled back to v1
    String v2 =
        project.commit(
            "main",
            "v2",
            Map.of(
                "host-1/stow.yaml",
                yaml(deployment, web, "echo about to fail >&2; exit 3"),
                "host-1/secrets.env",
                encrypted));
    Instant triggered = Instant.now();
    assertThat(client.trigger(v2).statusCode()).isEqualTo(202);
    client.awaitStatus(
        v2,
        "error",
        CONVERGE,
        s -> s.path("phase").asText().equals("idle") && s.path("state").asText().equals("error"));
    receivers.forEach((format, r) -> awaitEvents(format, r, "deployed", "rolled-back"));
    awaitStatuses(v2, "running", "failed");

    // exactly one each, and not to the target that only wants deployments
    awaitPoll();
    receivers.forEach(
        (format, r) ->
            assertThat(events(format, r.requests()))
                .as(format)
                .containsExactly("deployed", "rolled-back"));
    assertThat(events("json", deploysOnly.requests())).containsExactly("deployed");
    receivers.forEach(
        (format, r) -> {
          JsonNode body = r.requests().get(1).json();
          assertThat(NotifyPayloads.text(format, body)).as(format).contains("exit code 3");
        });
    assertRolledBackDocument(receivers.get("json").requests().get(1), v2, web, triggered);
    assertFormats(v2);
    assertNoSecretAnywhere();
  }

  private void assertRolledBackDocument(
      NotificationReceiver.Request request, String v2, String web, Instant triggered) {
    assertThat(request.header("Content-Type")).startsWith("application/json");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + HOOK_TOKEN);
    JsonNode doc = request.json();
    assertThat(doc.path("schema").asText()).isEqualTo("stow.notification.v1");
    assertThat(doc.path("event").asText()).isEqualTo("rolled-back");
    assertThat(doc.path("folder").asText()).isEqualTo("host-1");
    assertThat(doc.path("host").asText()).isNotBlank();
    assertThat(doc.path("commit").asText()).isEqualTo(v2);
    assertThat(doc.path("deployment_hash").asText()).matches("[0-9a-f]{64}");
    assertThat(doc.path("previous_hash").asText()).matches("[0-9a-f]{64}");
    assertThat(doc.path("run").asText()).isEqualTo("reconcile");
    assertThat(doc.path("result").asText()).isEqualTo("failed-rolled-back");
    assertThat(doc.path("reason").asText()).contains("exit code 3");
    assertThat(doc.path("rollback").path("kind").asText()).isEqualTo("restore-previous");
    assertThat(doc.path("rollback").path("succeeded").asBoolean()).isTrue();
    assertThat(doc.path("containers").findValuesAsText("name")).contains(web);
    Instant started = Instant.parse(doc.path("started_at").asText());
    assertThat(started).isAfterOrEqualTo(triggered.minusSeconds(1));
    assertThat(Instant.parse(doc.path("finished_at").asText())).isAfterOrEqualTo(started);
    assertThat(doc.path("links").path("status").asText())
        .isEqualTo(BASE_URL + "/status?head_hash=" + v2);
    assertThat(doc.path("links").path("dashboard").asText()).isEqualTo(BASE_URL + "/");
  }

  /** What each service's documented webhook expects, where it was sent. */
  private void assertFormats(String v2) {
    NotificationReceiver.Request ntfy = receivers.get("ntfy").requests().get(1);
    assertThat(ntfy.path()).isEqualTo("/");
    assertThat(ntfy.json().path("topic").asText()).isEqualTo("deploys-4f1c9e");
    assertThat(ntfy.json().path("priority").asInt()).isBetween(3, 5);
    assertThat(ntfy.json().path("click").asText()).isEqualTo(BASE_URL + "/status?head_hash=" + v2);
    NotificationReceiver.Request discord = receivers.get("discord").requests().get(1);
    assertThat(discord.path()).isEqualTo("/api/webhooks/1234/abcd");
    assertThat(discord.json().path("allowed_mentions").path("parse")).isEmpty();
    assertThat(discord.json().path("embeds").path(0).path("color").isInt()).isTrue();
    NotificationReceiver.Request slack = receivers.get("slack").requests().get(1);
    assertThat(slack.path()).isEqualTo("/services/T000/B000/XXXX");
    assertThat(slack.json().path("blocks").path(0).path("type").asText()).isEqualTo("header");
    NotificationReceiver.Request gotify = receivers.get("gotify").requests().get(1);
    assertThat(gotify.path()).isEqualTo("/message");
    assertThat(gotify.header("X-Gotify-Key")).isEqualTo(GOTIFY_TOKEN);
    assertThat(gotify.json().path("priority").asInt()).isBetween(4, 10);
    NotificationReceiver.Request apprise = receivers.get("apprise").requests().get(1);
    assertThat(apprise.path()).isEqualTo("/notify/stow");
    assertThat(apprise.json().path("type").asText()).isEqualTo("warning");
    assertThat(apprise.json().path("format").asText()).isEqualTo("text");
  }

  private void assertNoSecretAnywhere() {
    Map<String, Optional<Map.Entry<String, String>>> tokens =
        Map.of(
            "json", Optional.of(Map.entry("Authorization", "Bearer " + HOOK_TOKEN)),
            "ntfy", Optional.of(Map.entry("Authorization", "Bearer " + NTFY_TOKEN)),
            "gotify", Optional.of(Map.entry("X-Gotify-Key", GOTIFY_TOKEN)));
    receivers.forEach(
        (format, r) ->
            NotifyPayloads.assertNoSecret(
                r.requests(), SENTINEL, tokens.getOrDefault(format, Optional.empty())));
    NotifyPayloads.assertNoSecret(deploysOnly.requests(), SENTINEL, Optional.empty());
    assertThat(gitlab.requests(Route.SET_COMMIT_STATUS))
        .allSatisfy(r -> assertThat(r.toString()).doesNotContain(ENV_SECRET, FILE_SECRET));
  }

  private void awaitEvents(String format, NotificationReceiver receiver, String... expected) {
    receiver.await(
        format + " receives " + List.of(expected),
        DELIVERED,
        requests -> requests.size() >= expected.length);
    assertThat(events(format, receiver.requests())).as(format).containsExactly(expected);
  }

  private void awaitStatuses(String sha, String... expected) {
    List<FakeCommitStatus> statuses = project.awaitCommitStatuses(sha, expected.length, DELIVERED);
    assertThat(statuses).extracting(FakeCommitStatus::status).containsExactly(expected);
    assertThat(statuses).extracting(FakeCommitStatus::name).containsOnly("stow/host-1");
    assertThat(statuses).extracting(FakeCommitStatus::ref).containsOnly("main");
    FakeCommitStatus last = statuses.get(statuses.size() - 1);
    assertThat(last.targetUrl()).contains(BASE_URL + "/status?head_hash=" + sha);
    assertThat(last.description()).isPresent();
  }

  private void awaitPoll() {
    daemon.awaitPoll(gitlab, CONVERGE);
  }

  private DaemonConfigDir config(SopsDotenv.AgeKey key) {
    StringBuilder notify = new StringBuilder("commitStatus: true\nnotify:\n");
    Map<String, String> urls =
        Map.of(
            "json", "/hooks/stow",
            "ntfy", "/deploys-4f1c9e",
            "discord", "/api/webhooks/1234/abcd",
            "slack", "/services/T000/B000/XXXX",
            "gotify", "/message",
            "apprise", "/notify/stow");
    Map<String, String> tokenFiles =
        Map.of("json", "hook.token", "ntfy", "ntfy.token", "gotify", "gotify.token");
    receivers.forEach(
        (format, r) -> {
          notify.append("  - url: ").append(r.url(urls.get(format))).append('\n');
          notify.append("    format: ").append(format).append('\n');
          notify.append("    events: [deployed, rolled-back, rollback-failed]\n");
          if (tokenFiles.containsKey(format)) {
            notify.append("    tokenFile: ").append(tokenFiles.get(format)).append('\n');
          }
        });
    notify.append("  - name: deploys-only\n    url: ").append(deploysOnly.url("/d")).append('\n');
    notify.append("    events: [deployed]\n");
    return DaemonConfigDir.at(
            temp.resolve("etc"), gitlab, "ops/deployments", TOKEN, "host-1", temp.resolve("state"))
        .set("pollInterval", "10s")
        .set("keys", "age.key")
        .file("age.key", key.identity() + "\n")
        .file("hook.token", HOOK_TOKEN + "\n")
        .file("ntfy.token", NTFY_TOKEN + "\n")
        .file("gotify.token", GOTIFY_TOKEN + "\n")
        .yaml(notify.toString());
  }

  /** One container with a secret in env and one from a SOPS file, running {@code script}. */
  private String yaml(String deployment, String web, String script) {
    return StowYaml.deployment(deployment)
        .daemonBaseUrl(BASE_URL)
        .verify("4s", "2s")
        .container(
            StowYaml.Container.of(web, image)
                .env("API_TOKEN", ENV_SECRET)
                .envFile("secrets.env")
                .shell(script)
                .restartPolicy("no"))
        .render();
  }
}
