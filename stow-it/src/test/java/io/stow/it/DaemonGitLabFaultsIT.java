package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.daemon.DaemonSettings;
import io.stow.docker.ContainerState;
import io.stow.gitlab.GitLabClientBuilder;
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.gitlab.Fault;
import io.stow.it.gitlab.Route;
import io.stow.it.support.DaemonClient;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.HostFacts;
import io.stow.it.support.InProcessDaemon;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestCa;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stow daemon} when GitLab fails: answering 500 or 429, timing out, or presenting a
 * certificate the host does not trust. Each time the client retries a bounded number of times (TLS
 * not at all), the status says {@code error} with GitLab's answer as the reason, and the containers
 * that run are not touched; once GitLab answers again the next trigger converges.
 */
class DaemonGitLabFaultsIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  static final String TOKEN = "glpat-SENTINEL-faults-71c2";
  static final Duration CONVERGE = Duration.ofSeconds(120);

  /** The client's default: five attempts. */
  static final int MAX_ATTEMPTS = 5;

  final ImageRef image1 = TestImages.get().first();
  final ImageRef image2 = TestImages.get().second();
  final List<FakeGitLab> gitlabs = new ArrayList<>();
  final List<InProcessDaemon> daemons = new ArrayList<>();

  @TempDir Path temp;

  @AfterEach
  void stop() {
    try {
      for (InProcessDaemon daemon : daemons) {
        daemon.close();
        assertThat(daemon.log()).doesNotContain(TOKEN).doesNotContain("SENTINEL");
      }
    } finally {
      gitlabs.forEach(FakeGitLab::close);
    }
  }

  @Test
  void gitLabAnswering500_isRetriedBoundedly_thenTheStatusSaysWhy_andTheContainersRunOn() {
    Host host = deployedV1("five-hundred", builder -> {});
    host.gitlab.inject(
        Route.ARCHIVE, 100, Fault.status(500, "{\"message\":\"500 Internal Server Error\"}"));

    JsonNode failed = host.triggerV2AndAwaitError();

    assertThat(failed.path("last_error").asText()).contains("500").contains("gave up after");
    assertThat(host.gitlab.requests(Route.ARCHIVE)).hasSize(MAX_ATTEMPTS);
    host.assertV1RunsUntouched();
    host.recovers();
  }

  @Test
  void gitLabAnswering429_waitsAsAsked_boundedly_thenTheStatusSaysWhy_andTheContainersRunOn() {
    Host host = deployedV1("rate-limited", builder -> {});
    host.gitlab.inject(Route.ARCHIVE, 100, Fault.tooManyRequests(1));

    JsonNode failed = host.triggerV2AndAwaitError();

    assertThat(failed.path("last_error").asText())
        .contains("429")
        .contains("gave up after " + MAX_ATTEMPTS + " attempt(s)");
    assertThat(host.gitlab.requests(Route.ARCHIVE)).hasSize(MAX_ATTEMPTS);
    assertThat(host.daemon.log()).contains("answered 429; retrying in 1000 ms");
    host.assertV1RunsUntouched();
    host.recovers();
  }

  @Test
  void gitLabTimingOut_isRetriedBoundedly_thenTheStatusSaysWhy_andTheContainersRunOn() {
    Host host =
        deployedV1(
            "timing-out",
            builder -> builder.timeouts(Duration.ofSeconds(2), Duration.ofMillis(500)));
    host.gitlab.inject(Route.ARCHIVE, 100, Fault.delay(Duration.ofSeconds(2)));

    JsonNode failed = host.triggerV2AndAwaitError();

    // the last attempt's request may still sleep in the fake GitLab: count the client's attempts
    assertThat(failed.path("last_error").asText())
        .contains("timed out")
        .contains("gave up after " + MAX_ATTEMPTS + " attempt(s)");
    host.assertV1RunsUntouched();
    host.recovers();
  }

  @Test
  void aGitLabCertificateTheHostDoesNotTrust_isRefusedAtOnce_andTheContainersRunOn() {
    Host host = deployedV1("untrusted", builder -> {});
    host.daemon.close();
    // the same project behind HTTPS, with a certificate of a CA this JVM does not trust
    FakeGitLab tls = FakeGitLab.startTls(new TestCa().serverContext());
    gitlabs.add(tls);
    tls.user(3, "host-bot").accessToken(TOKEN, "host-bot", false);
    FakeProject mirror = tls.createProject("ops/deployments").member("host-bot");
    mirror.commit("main", "v1", Map.of("host-1/stow.yaml", host.v1Yaml));

    InProcessDaemon daemon = start(config(tls, "etc-tls").write(), builder -> {});
    JsonNode failed = awaitError(daemon.client());

    assertThat(failed.path("last_error").asText())
        .contains("TLS failed")
        .contains("private CA, set gitlabCaCert in ")
        .doesNotContain(TOKEN);
    assertThat(tls.requests()).as("no request got through the handshake").isEmpty();
    assertThat(daemon.log()).doesNotContain("retrying");
    host.assertV1RunsUntouched();
  }

  /** A host whose daemon deployed v1 of a one-container deployment from a fake GitLab. */
  private Host deployedV1(String name, Consumer<GitLabClientBuilder> tuning) {
    FakeGitLab gitlab = FakeGitLab.start();
    gitlabs.add(gitlab);
    gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", false);
    FakeProject project = gitlab.createProject("ops/deployments").member("host-bot");
    String deployment = docker.name(name);
    String web = docker.name(deployment + "-web");
    String v1Yaml = yaml(deployment, web, image1);
    project.commit("main", "v1", Map.of("host-1/stow.yaml", v1Yaml));
    InProcessDaemon daemon = start(config(gitlab, "etc").write(), tuning);
    JsonNode idle = daemon.client().awaitIdle(CONVERGE);
    assertThat(idle.path("last_result").asText()).as("%s", idle).isEqualTo("ok");
    ContainerState running = HostFacts.containers(docker, deployment).get(web);
    assertThat(running.running()).isTrue();
    return new Host(gitlab, project, daemon, deployment, web, v1Yaml, running.id());
  }

  private final class Host {
    final FakeGitLab gitlab;
    final FakeProject project;
    final InProcessDaemon daemon;
    final String deployment;
    final String web;
    final String v1Yaml;
    final String v1Id;

    Host(
        FakeGitLab gitlab,
        FakeProject project,
        InProcessDaemon daemon,
        String deployment,
        String web,
        String v1Yaml,
        String v1Id) {
      this.gitlab = gitlab;
      this.project = project;
      this.daemon = daemon;
      this.deployment = deployment;
      this.web = web;
      this.v1Yaml = v1Yaml;
      this.v1Id = v1Id;
    }

    JsonNode triggerV2AndAwaitError() {
      String v2 =
          project.commit("main", "v2", Map.of("host-1/stow.yaml", yaml(deployment, web, image2)));
      gitlab.clearRequests();
      assertThat(daemon.client().trigger(v2).statusCode()).isEqualTo(202);
      return awaitError(daemon.client());
    }

    void assertV1RunsUntouched() {
      Map<String, ContainerState> containers = HostFacts.containers(docker, deployment);
      assertThat(containers).containsOnlyKeys(web);
      ContainerState c = containers.get(web);
      assertThat(c.id()).as("the same container, never stopped").isEqualTo(v1Id);
      assertThat(c.running()).isTrue();
      assertThat(c.image()).isEqualTo(image1.toString());
    }

    /** GitLab answers again: a trigger of the head deploys it. */
    void recovers() {
      gitlab.clearFaults();
      String head = project.head("main").orElseThrow();
      assertThat(daemon.client().trigger(head).statusCode()).isEqualTo(202);
      daemon
          .client()
          .awaitStatus(
              head,
              "running",
              CONVERGE,
              s ->
                  s.path("phase").asText().equals("idle")
                      && s.path("state").asText().equals("running"));
      assertThat(HostFacts.containers(docker, deployment).get(web).image())
          .isEqualTo(image2.toString());
    }
  }

  /** Waits for a finished reconcile that failed; the status without a head says why. */
  private static JsonNode awaitError(DaemonClient client) {
    JsonNode status =
        client.awaitIdle(
            "a failed run", CONVERGE, s -> s.path("last_result").asText().equals("error"));
    assertThat(status.path("last_result").asText()).as("%s", status).isEqualTo("error");
    assertThat(status.path("state").asText()).as("%s", status).isEqualTo("error");
    assertThat(status.path("last_error").asText()).as("%s", status).isNotBlank();
    return status;
  }

  private InProcessDaemon start(Path config, Consumer<GitLabClientBuilder> tuning) {
    InProcessDaemon daemon =
        InProcessDaemon.start(
            config,
            docker,
            DaemonSettings.defaults(),
            Optional.empty(),
            builder -> tuning.accept(builder.archiveRateLimit(100, Duration.ofMinutes(1))));
    daemons.add(daemon);
    return daemon;
  }

  private DaemonConfigDir config(FakeGitLab gitlab, String dir) {
    return DaemonConfigDir.at(
        temp.resolve(dir), gitlab, "ops/deployments", TOKEN, "host-1", temp.resolve("state"));
  }

  private static String yaml(String deployment, String container, ImageRef image) {
    return StowYaml.deployment(deployment)
        .verify("30s", "1s")
        .container(StowYaml.Container.of(container, image).command("sleep", "3600"))
        .render();
  }
}
