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
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stow daemon} against the fake GitLab and a {@code json} notification receiver, where
 * things go wrong: a {@code gitlabToken} without the {@code api} scope gets 403 for its commit
 * statuses, which is logged once, without the token, while deployments go on; and a deployment
 * whose rollback fails too is one {@code rollback-failed} notification and a {@code failed} commit
 * status.
 */
class DaemonNotificationFailuresIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  static final String SENTINEL = "SENTINEL";
  static final String TOKEN = "glpat-SENTINEL-readonly-0f3a";
  static final String BASE_URL = "https://host-1.example.com:17403";
  static final Duration CONVERGE = Duration.ofSeconds(120);
  static final Duration DELIVERED = Duration.ofSeconds(30);

  final ImageRef image = TestImages.get().first();
  NotificationReceiver receiver;
  FakeGitLab gitlab;
  FakeProject project;
  InProcessDaemon daemon;

  @TempDir Path temp;

  @BeforeEach
  void start() {
    receiver = NotificationReceiver.start();
    gitlab = FakeGitLab.start();
  }

  @AfterEach
  void stop() {
    try {
      if (daemon != null) {
        daemon.close();
        assertThat(daemon.log()).doesNotContain(SENTINEL);
      }
    } finally {
      receiver.close();
      gitlab.close();
    }
  }

  /** The project the host deploys, readable with {@link #TOKEN}; {@code api}: it may also write. */
  private void project(boolean api) {
    gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", api);
    project = gitlab.createProject("ops/deployments").member("host-bot");
  }

  @Test
  void aTokenWithoutTheApiScope_getsA403ForCommitStatuses_loggedOnce_andDeploymentsGoOn() {
    project(false);
    String deployment = docker.name("scope");
    String web = docker.name(deployment + "-web");
    String v1 = project.commit("main", "v1", Map.of("host-1/stow.yaml", yaml(deployment, web, 1)));
    daemon = InProcessDaemon.start(config().write(), docker);
    DaemonClient client = daemon.client();

    assertThat(client.awaitIdle(CONVERGE).path("last_result").asText()).isEqualTo("ok");
    assertThat(client.status(v1).path("state").asText()).isEqualTo("running");
    awaitEvents("deployed");
    awaitLogLine("commit status");

    // a second deployment: it succeeds too, and GitLab is not asked again
    String v2 = project.commit("main", "v2", Map.of("host-1/stow.yaml", yaml(deployment, web, 2)));
    assertThat(client.trigger(v2).statusCode()).isEqualTo(202);
    client.awaitStatus(
        v2,
        "running",
        CONVERGE,
        s -> s.path("phase").asText().equals("idle") && s.path("state").asText().equals("running"));
    awaitEvents("deployed", "deployed");

    assertThat(gitlab.requests(Route.SET_COMMIT_STATUS)).hasSize(1);
    assertThat(project.commitStatuses(v1)).isEmpty();
    assertThat(project.commitStatuses(v2)).isEmpty();
    List<String> refused = daemon.log().lines().filter(l -> l.contains("commit status")).toList();
    assertThat(refused)
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("stow/host-1")
                    .contains("403: insufficient_scope")
                    .contains("api scope")
                    .contains("commitStatus: false")
                    .contains("deployments go on")
                    .doesNotContain(TOKEN));
    assertThat(daemon.logLines("insufficient_scope")).isOne();
    assertThat(client.get("/metrics").body())
        .contains("stow_notifications_total{result=\"failed\",target=\"gitlab-commit-status\"} 1.0")
        .contains("stow_notifications_total{result=\"sent\",target=\"gitlab-commit-status\"} 0.0");
  }

  @Test
  void aDeploymentWhoseRollbackFails_isOneRollbackFailedNotification_andAFailedStatus()
      throws IOException {
    project(true);
    // the first deployment's container starts once: started again (by the rollback), it exits
    Path marker = Files.createDirectories(temp.resolve("marker"));
    String deployment = docker.name("rbfail");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit(
            "main",
            "v1",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .daemonBaseUrl(BASE_URL)
                    .verify("4s", "2s")
                    .container(
                        StowYaml.Container.of(web, image)
                            .volume(marker.toString(), "/marker", false)
                            .shell(
                                "if [ -e /marker/started ]; then echo started again >&2; exit 4;"
                                    + " fi; touch /marker/started; exec sleep 3600")
                            .restartPolicy("no"))
                    .render()));
    daemon = InProcessDaemon.start(config().set("pollInterval", "10s").write(), docker);
    DaemonClient client = daemon.client();
    assertThat(client.awaitIdle(CONVERGE).path("last_result").asText()).isEqualTo("ok");
    awaitEvents("deployed");

    String v2 =
        project.commit(
            "main",
            "v2",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .daemonBaseUrl(BASE_URL)
                    .verify("4s", "2s")
                    .container(
                        StowYaml.Container.of(web, image)
                            .shell("echo about to fail >&2; exit 3")
                            .restartPolicy("no"))
                    .render()));
    Instant triggered = Instant.now();
    assertThat(client.trigger(v2).statusCode()).isEqualTo(202);
    client.awaitStatus(
        v2,
        "error",
        CONVERGE,
        s -> s.path("phase").asText().equals("idle") && s.path("state").asText().equals("error"));
    awaitEvents("deployed", "rollback-failed");

    JsonNode doc = receiver.requests().get(1).json();
    assertThat(doc.path("event").asText()).isEqualTo("rollback-failed");
    assertThat(doc.path("title").asText()).contains("rollback failed");
    assertThat(doc.path("commit").asText()).isEqualTo(v2);
    assertThat(doc.path("run").asText()).isEqualTo("reconcile");
    assertThat(doc.path("result").asText()).isEqualTo("failed-rollback-failed");
    assertThat(doc.path("reason").asText()).contains("exit code 3").contains("ROLLBACK FAILED");
    assertThat(doc.path("rollback").path("kind").asText()).isEqualTo("restore-previous");
    assertThat(doc.path("rollback").path("succeeded").asBoolean()).isFalse();
    assertThat(doc.path("rollback").path("error").asText()).contains("exit code 4");
    assertThat(Instant.parse(doc.path("started_at").asText()))
        .isAfterOrEqualTo(triggered.minusSeconds(1));
    assertThat(doc.path("links").path("status").asText())
        .isEqualTo(BASE_URL + "/status?head_hash=" + v2);
    awaitStatuses(v2, "running", "failed");
    assertThat(project.commitStatuses(v2).get(1).description().orElseThrow())
        .startsWith("failed-rollback-failed: ");

    // the host needs an operator, and was told so once: the polls that follow do not repeat it
    awaitPoll();
    awaitPoll();
    assertThat(events("json", receiver.requests())).containsExactly("deployed", "rollback-failed");
    assertThat(project.commitStatuses(v2)).hasSize(2);
  }

  /** Waits for a poll to run through, then for the deliveries it sent on their own threads. */
  private void awaitPoll() {
    daemon.awaitPoll(gitlab, CONVERGE);
    TestDocker.sleep(Duration.ofSeconds(1));
  }

  private void awaitEvents(String... expected) {
    receiver.await(
        "json receives " + List.of(expected),
        DELIVERED,
        requests -> requests.size() >= expected.length);
    assertThat(events("json", receiver.requests())).containsExactly(expected);
  }

  private void awaitStatuses(String sha, String... expected) {
    List<FakeCommitStatus> statuses = project.awaitCommitStatuses(sha, expected.length, DELIVERED);
    assertThat(statuses).extracting(FakeCommitStatus::status).containsExactly(expected);
  }

  /**
   * Commit statuses go out on their own thread: waits until the log has a line with {@code text}.
   */
  private void awaitLogLine(String text) {
    Instant deadline = Instant.now().plus(DELIVERED);
    while (daemon.logLines(text) == 0) {
      assertThat(Instant.now()).as("a log line with %s", text).isBefore(deadline);
      TestDocker.sleep(Duration.ofMillis(100));
    }
  }

  private DaemonConfigDir config() {
    return DaemonConfigDir.at(
            temp.resolve("etc"), gitlab, "ops/deployments", TOKEN, "host-1", temp.resolve("state"))
        .yaml("commitStatus: true\nnotify:\n  - url: " + receiver.url("/hooks/stow") + "\n");
  }

  /** A container that keeps running; {@code version} makes each commit a new deployment. */
  private String yaml(String deployment, String web, int version) {
    return StowYaml.deployment(deployment)
        .daemonBaseUrl(BASE_URL)
        .verify("4s", "2s")
        .container(
            StowYaml.Container.of(web, image)
                .env("VERSION", Integer.toString(version))
                .command("sleep", "3600")
                .restartPolicy("no"))
        .render();
  }
}
