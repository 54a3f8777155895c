package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.Container;
import io.stow.docker.ContainerState;
import io.stow.engine.faults.FaultInjection;
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.DaemonProcess;
import io.stow.it.support.HostFacts;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import io.stow.model.StowLabels;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILL of {@code stow daemon} at each step of the reconcile of a new commit (after the pull,
 * after the snapshot rotation, after the first stop, after the first start, during verification): a
 * fresh daemon rolls the interrupted apply back before it is ready, then converges on the branch
 * head, and its status says so; no orphan container, no stale lock, no {@code
 * running-config.previous}, nothing in staging.
 *
 * <p>Each daemon is the built CLI in its own process; its containers carry names that start with
 * {@link TestDocker#name}, by which {@link TestDocker} removes them.
 */
class DaemonFaultInjectionIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  static final String TOKEN = "glpat-SENTINEL-daemon-kill-4a1e";
  static final Duration CONVERGE = Duration.ofSeconds(120);

  final ImageRef image1 = TestImages.get().first();
  final ImageRef image2 = TestImages.get().second();
  final FakeGitLab gitlab = FakeGitLab.start();
  final FakeProject project;
  final List<DaemonProcess> daemons = new ArrayList<>();

  @TempDir Path temp;

  DaemonFaultInjectionIT() {
    gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", false);
    project = gitlab.createProject("ops/deployments").member("host-bot");
  }

  @AfterEach
  void stop() {
    try {
      List<String> outputs = new ArrayList<>();
      for (DaemonProcess daemon : daemons) {
        outputs.add(daemon.stop().toString());
      }
      outputs.forEach(System.out::println); // the daemons' logs, for a failure's report
      assertThat(outputs).allSatisfy(o -> assertThat(o).doesNotContain(TOKEN));
    } finally {
      gitlab.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"step:pull", "step:snapshot", "stopped", "started", "verify"})
  void killedAtAnyStep_theNextDaemonConvergesVerified_withNoOrphansAndNoStaleLock(String point) {
    String deployment = docker.name("dkill");
    String web = docker.name(deployment + "-web");
    String added = docker.name(deployment + "-added");
    Path state = temp.resolve("state");
    Path config =
        DaemonConfigDir.at(temp.resolve("etc"), gitlab, "ops/deployments", TOKEN, "host-1", state)
            .write();

    String v1 =
        project.commit(
            "main",
            "v1",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .verify("30s", "1s")
                    .container(sleeper(web, image1))
                    .render()));
    DaemonProcess first = start("first", config, Map.of());
    JsonNode deployed = first.client().awaitIdle(CONVERGE);
    assertThat(first.client().status(v1).path("state").asText())
        .as("%s", deployed)
        .isEqualTo("running");
    first.stop();

    // v2 replaces web and adds a container; a daemon that starts now deploys it at once
    String v2 =
        project.commit(
            "main",
            "v2",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .verify("30s", "2s")
                    .container(sleeper(web, image2))
                    .container(sleeper(added, image2))
                    .render()));
    DaemonProcess killed = start("killed", config, Map.of(FaultInjection.VARIABLE, point));
    killed.awaitStderr(FaultInjection.MARKER + point, CONVERGE);
    killed.process().kill();

    DaemonProcess next = start("next", config, Map.of());
    JsonNode end =
        next.client()
            .awaitStatus(
                v2,
                "running",
                CONVERGE,
                s ->
                    s.path("phase").asText().equals("idle")
                        && s.path("state").asText().equals("running"));

    assertThat(end.path("last_result").asText()).as("%s", end).isEqualTo("ok");
    assertThat(end.path("snapshot").path("revision").asText()).isEqualTo(v2);
    String hash2 = end.path("current_hash").asText();
    assertThat(end.path("expected_hash").asText()).isEqualTo(hash2);
    assertThat(next.client().badge(v2)).isEqualTo("running");
    Map<String, ContainerState> containers = HostFacts.containers(docker, deployment);
    assertThat(containers).containsOnlyKeys(web, added);
    assertThat(containers.values())
        .allSatisfy(
            c -> {
              assertThat(c.running()).isTrue();
              assertThat(c.image()).isEqualTo(image2.toString());
              assertThat(c.labels()).containsEntry(StowLabels.HASH, "v1:" + hash2);
            });
    assertThat(containersNamed(deployment))
        .as("no orphan, labelled or not, of the interrupted apply")
        .containsExactlyInAnyOrder(web, added);
    assertThat(state.resolve(".stow/lock")).doesNotExist();
    assertThat(Files.exists(state.resolve("running-config.previous"), LinkOption.NOFOLLOW_LINKS))
        .isFalse();
    assertThat(state.resolve(".stow/staging")).isEmptyDirectory();
    assertThat(state.resolve("running-config"))
        .satisfies(
            link ->
                assertThat(link.toRealPath())
                    .isEqualTo(state.resolve(".stow/snapshots/" + hash2).toRealPath()));
    if (Set.of("stopped", "started", "verify").contains(point)) {
      String log = next.process().outputSoFar().stdout();
      assertThat(log).contains("rolled back an apply that an earlier run left open");
      assertThat(log.indexOf("rolled back an apply")).isLessThan(log.indexOf("info ready"));
    }
  }

  private DaemonProcess start(String name, Path config, Map<String, String> env) {
    DaemonProcess daemon = DaemonProcess.start(temp.resolve("logs"), name, config, env);
    daemons.add(daemon);
    return daemon;
  }

  /** Every container, running or not, whose name starts as the deployment's containers' do. */
  private Set<String> containersNamed(String deployment) {
    String prefix = docker.name(deployment);
    return docker.client().listContainersCmd().withShowAll(true).exec().stream()
        .map(Container::getNames)
        .filter(names -> names != null && names.length > 0)
        .map(names -> names[0].substring(1))
        .filter(name -> name.startsWith(prefix))
        .collect(Collectors.toSet());
  }

  private static StowYaml.Container sleeper(String name, ImageRef image) {
    return StowYaml.Container.of(name, image).command("sleep", "3600").stopTimeout("1s");
  }
}
