package io.stow.it;

import static io.stow.it.support.NotifyPayloads.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import io.stow.daemon.DaemonSettings;
import io.stow.daemon.metrics.PrometheusText;
import io.stow.daemon.notify.NotifySettings;
import io.stow.docker.ContainerState;
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.support.DaemonClient;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.HostFacts;
import io.stow.it.support.InProcessDaemon;
import io.stow.it.support.NotificationReceiver;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * How notifications travel from a real daemon to real receivers on loopback: a receiver that
 * answers 503 twice gets the event once on the third attempt, one that never answers holds up
 * neither the next reconcile nor the other targets, and a container stopped by hand is reported as
 * {@code drift-repaired} after the next poll.
 */
class NotificationDeliveryIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  static final String TOKEN = "glpat-SENTINEL-delivery-2f8a";
  static final Duration CONVERGE = Duration.ofSeconds(120);
  static final Duration DELIVERED = Duration.ofSeconds(30);

  final ImageRef image1 = TestImages.get().first();
  final ImageRef image2 = TestImages.get().second();
  final List<NotificationReceiver> receivers = new ArrayList<>();
  FakeGitLab gitlab;
  FakeProject project;
  InProcessDaemon daemon;

  @TempDir Path temp;

  @BeforeEach
  void gitlab() {
    gitlab = FakeGitLab.start();
    gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", false);
    project = gitlab.createProject("ops/deployments").member("host-bot");
  }

  @AfterEach
  void stop() {
    try {
      if (daemon != null) {
        daemon.close();
        assertThat(daemon.log()).doesNotContain("SENTINEL");
      }
    } finally {
      receivers.forEach(NotificationReceiver::close);
      gitlab.close();
    }
  }

  @Test
  void a503Twice_isDeliveredOnce_andAReceiverThatNeverAnswers_slowsNoReconcileNorTarget() {
    NotificationReceiver flaky = receiver().answer(503, 503);
    NotificationReceiver silent = receiver().hang();
    NotificationReceiver steady = receiver();
    String deployment = docker.name("delivery");
    String web = docker.name(deployment + "-web");
    project.commit("main", "v1", Map.of("host-1/stow.yaml", yaml(deployment, web, image1)));
    String targets =
        "notify:\n" + target("flaky", flaky) + target("silent", silent) + target("steady", steady);
    // a request may hang for a minute: the silent receiver holds its first one all test long
    NotifySettings notify =
        NotifySettings.defaults().withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(60));
    daemon =
        InProcessDaemon.start(
            config().yaml(targets).write(), docker, DaemonSettings.defaults(), notify);
    DaemonClient client = daemon.client();
    assertThat(client.awaitIdle(CONVERGE).path("last_result").asText()).isEqualTo("ok");

    List<NotificationReceiver.Request> tries =
        flaky.await("three attempts", DELIVERED, r -> r.size() >= 3);
    assertThat(tries)
        .extracting(NotificationReceiver.Request::body)
        .containsOnly(tries.get(0).body());
    assertThat(events("json", tries)).containsOnly("deployed");
    steady.await("the first event", DELIVERED, r -> r.size() == 1);
    silent.await("the first event, held", DELIVERED, r -> r.size() == 1);

    // the next reconcile while the silent receiver still holds the first request
    String v2 =
        project.commit("main", "v2", Map.of("host-1/stow.yaml", yaml(deployment, web, image2)));
    long started = System.nanoTime();
    assertThat(client.trigger(v2).statusCode()).isEqualTo(202);
    client.awaitStatus(
        v2,
        "running",
        CONVERGE,
        s -> s.path("phase").asText().equals("idle") && s.path("state").asText().equals("running"));
    Duration reconcile = Duration.ofNanos(System.nanoTime() - started);
    System.out.printf("reconcile of v2 with a silent receiver: %d ms%n", reconcile.toMillis());

    steady.await("the second event", DELIVERED, r -> r.size() == 2);
    flaky.await("the second event, at once", DELIVERED, r -> r.size() == 4);
    assertThat(events("json", steady.requests())).containsExactly("deployed", "deployed");
    assertThat(steady.requests().get(1).json().path("commit").asText()).isEqualTo(v2);
    assertThat(silent.requests()).as("still on its first request").hasSize(1);
    assertThat(silent.open()).isEqualTo(1);
    assertThat(reconcile).isLessThan(Duration.ofSeconds(60));
    assertThat(daemon.log()).doesNotContain("cannot notify flaky");
    PrometheusText metrics = MetricsIT.scrape(client);
    assertThat(notifications(metrics, "flaky", "sent")).isEqualTo(2);
    assertThat(notifications(metrics, "flaky", "failed")).isZero();
    assertThat(notifications(metrics, "steady", "sent")).isEqualTo(2);
    assertThat(notifications(metrics, "silent", "sent")).isZero();
    assertThat(notifications(metrics, "silent", "dropped")).isZero();
  }

  @Test
  void aContainerStoppedByHand_isReportedAsDriftRepaired_afterTheNextPoll() {
    NotificationReceiver hook = receiver();
    String deployment = docker.name("drift");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit("main", "v1", Map.of("host-1/stow.yaml", yaml(deployment, web, image1)));
    daemon =
        InProcessDaemon.start(
            config().set("pollInterval", "10s").yaml("notify:\n" + target("hook", hook)).write(),
            docker);
    DaemonClient client = daemon.client();
    assertThat(client.awaitIdle(CONVERGE).path("last_result").asText()).isEqualTo("ok");
    hook.await("deployed", DELIVERED, r -> r.size() == 1);
    ContainerState before = HostFacts.containers(docker, deployment).get(web);

    docker.client().stopContainerCmd(before.id()).withTimeout(1).exec();

    List<NotificationReceiver.Request> told =
        hook.await("drift-repaired", Duration.ofSeconds(90), r -> r.size() == 2);
    assertThat(events("json", told)).containsExactly("deployed", "drift-repaired");
    JsonNode repaired = told.get(1).json();
    assertThat(repaired.path("run").asText()).isEqualTo("repair");
    assertThat(repaired.path("commit").asText()).isEqualTo(v1);
    assertThat(repaired.path("result").asText()).isEqualTo("succeeded");
    assertThat(repaired.path("containers").findValuesAsText("name")).contains(web);
    assertThat(HostFacts.containers(docker, deployment).get(web).running()).isTrue();
    assertThat(project.commitStatuses(v1)).as("commitStatus is off").isEmpty();
  }

  @Test
  void aRunningContainerTurningUnhealthy_isDegraded_onceAtTheNextStatusReading() throws Exception {
    NotificationReceiver hook = receiver();
    String deployment = docker.name("degraded");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit(
            "main",
            "v1",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .verify("30s", "1s")
                    .container(
                        StowYaml.Container.of(web, image1)
                            .shell("touch /tmp/ok; exec sleep 3600")
                            .healthcheck(List.of("CMD", "test", "-f", "/tmp/ok"), "300ms", 1))
                    .render()));
    daemon =
        InProcessDaemon.start(config().yaml("notify:\n" + target("hook", hook)).write(), docker);
    DaemonClient client = daemon.client();
    assertThat(client.awaitIdle(CONVERGE).path("last_result").asText()).isEqualTo("ok");
    hook.await("deployed", DELIVERED, r -> r.size() == 1);
    String id = HostFacts.containers(docker, deployment).get(web).id();

    var rm = docker.client().execCreateCmd(id).withCmd("rm", "/tmp/ok").exec();
    docker
        .client()
        .execStartCmd(rm.getId())
        .exec(new ResultCallback.Adapter<Frame>())
        .awaitCompletion();
    docker.await(
        id, "unhealthy", DELIVERED, c -> c.health().filter("unhealthy"::equals).isPresent());

    // each status request reads the host (the cache keeps a reading for a second)
    java.time.Instant deadline = java.time.Instant.now().plus(DELIVERED);
    while (hook.requests().size() < 2 && java.time.Instant.now().isBefore(deadline)) {
      client.status(java.util.Optional.empty());
      TestDocker.sleep(Duration.ofMillis(300));
    }
    List<NotificationReceiver.Request> told = hook.requests();
    for (int i = 0; i < 3; i++) {
      TestDocker.sleep(Duration.ofMillis(1100));
      client.status(java.util.Optional.empty());
    }
    assertThat(events("json", hook.requests())).containsExactly("deployed", "degraded");
    JsonNode degraded = told.get(1).json();
    assertThat(degraded.path("run").asText()).isEqualTo("status");
    assertThat(degraded.path("commit").asText()).isEqualTo(v1);
    assertThat(degraded.path("containers").path(0).path("name").asText()).isEqualTo(web);
    assertThat(degraded.path("containers").path(0).path("result").asText()).isEqualTo("unhealthy");
  }

  private static double notifications(PrometheusText metrics, String target, String result) {
    return metrics.value(
        "stow_notifications_total",
        "stow_notifications_total",
        Map.of("target", target, "result", result));
  }

  private NotificationReceiver receiver() {
    NotificationReceiver r = NotificationReceiver.start();
    receivers.add(r);
    return r;
  }

  private static String target(String name, NotificationReceiver receiver) {
    return "  - name: " + name + "\n    url: " + receiver.url("/hooks/" + name) + "\n";
  }

  private DaemonConfigDir config() {
    return DaemonConfigDir.at(
        temp.resolve("etc"), gitlab, "ops/deployments", TOKEN, "host-1", temp.resolve("state"));
  }

  private static String yaml(String deployment, String web, ImageRef image) {
    return StowYaml.deployment(deployment)
        .verify("30s", "1s")
        .container(StowYaml.Container.of(web, image).command("sleep", "3600"))
        .render();
  }
}
