package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import io.stow.docker.BindMount;
import io.stow.docker.ContainerCreateRequest;
import io.stow.docker.ContainerState;
import io.stow.docker.DockerHost;
import io.stow.docker.DockerOperationException;
import io.stow.docker.PullProgress;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.BindOptions;
import io.stow.model.ContainerSpec;
import io.stow.model.HealthcheckSpec;
import io.stow.model.ImageRef;
import io.stow.model.LoggingSpec;
import io.stow.model.ObservedContainer;
import io.stow.model.StowLabels;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link io.stow.docker.DockerJavaHost} against the real engine and the local registry. */
class DockerJavaHostIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private final TestImages images = TestImages.get();
  private final DockerHost host = docker.host();

  private static final HealthcheckSpec HTTP_HEALTHY =
      new HealthcheckSpec(
          List.of("CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/"),
          Optional.of(Duration.ofMillis(300)),
          Optional.of(Duration.ofSeconds(2)),
          Optional.of(3),
          Optional.of(Duration.ofSeconds(5)),
          false);

  private ContainerCreateRequest request(ContainerSpec spec) {
    return new ContainerCreateRequest(
        spec, Map.of(), List.of(), Map.of(StowLabels.DEPLOYMENT, "it"));
  }

  private String run(ContainerSpec spec) {
    String id = host.create(request(spec));
    host.start(id);
    return id;
  }

  @Test
  void create_mapsEveryDescriptorFieldSoDockerInspectShowsIt(@TempDir Path conf) throws Exception {
    Files.writeString(conf.resolve("app.conf"), "x=1\n");
    String front = docker.name("front");
    String back = docker.name("back");
    host.ensureNetwork(front, Map.of(StowLabels.DEPLOYMENT, "it"));
    host.ensureNetwork(back, Map.of(StowLabels.DEPLOYMENT, "it"));
    ImageRef image = images.first();
    ContainerSpec spec =
        ContainerSpec.builder(docker.name("all-fields"), image)
            .restartPolicy("on-failure:2")
            .memory("64m")
            .publish(List.of("127.0.0.1::8080"))
            .entrypoint(List.of("/bin/busybox"))
            .args(List.of("httpd", "-f", "-p", "8080", "-h", "/www"))
            .user("1000:1000")
            .workingDir("/www")
            .init(true)
            .healthcheck(HTTP_HEALTHY)
            .networks(List.of(front, back))
            .networkAliases(List.of("web-alias"))
            .label("team", "it")
            .cpus(new BigDecimal("0.5"))
            .readOnlyRootfs(true)
            .capAdd(List.of("NET_ADMIN"))
            .capDrop(List.of("MKNOD"))
            .securityOpt(List.of("no-new-privileges:true"))
            .extraHosts(List.of("db.internal:10.1.2.3"))
            .tmpfs(List.of("/run:size=1m", "/scratch"))
            .stopTimeout(Duration.ofSeconds(3))
            .logging(new LoggingSpec("json-file", Map.of("max-size", "1m")))
            .build();
    ContainerCreateRequest request =
        new ContainerCreateRequest(
            spec,
            Map.of("GREETING", "hello"),
            List.of(
                new BindMount(conf.toString(), "/conf", BindOptions.of(true, Optional.of("z")))),
            Map.of(StowLabels.DEPLOYMENT, "it", "team", "it"));

    String id = host.create(request);
    host.start(id);
    ContainerState healthy =
        docker.await(
            id, "healthy", Duration.ofSeconds(20), s -> s.health().equals(Optional.of("healthy")));

    assertThat(healthy.image()).isEqualTo(image.toString());
    assertThat(healthy.name()).isEqualTo(spec.name());
    assertThat(healthy.running()).isTrue();
    assertThat(healthy.restartCount()).isZero();
    assertThat(healthy.exitCode()).isEmpty();
    assertThat(healthy.startedAt()).isPresent();
    assertThat(healthy.labels())
        .containsEntry(StowLabels.DEPLOYMENT, "it")
        .containsEntry("team", "it");

    InspectContainerResponse inspected = docker.client().inspectContainerCmd(id).exec();
    ContainerConfig config = inspected.getConfig();
    HostConfig hostConfig = inspected.getHostConfig();
    assertThat(config.getImage()).isEqualTo(image.toString());
    assertThat(inspected.getImageId())
        .isEqualTo(docker.client().inspectImageCmd(image.pinned()).exec().getId());
    assertThat(config.getEnv()).contains("GREETING=hello");
    assertThat(config.getEntrypoint()).containsExactly("/bin/busybox");
    assertThat(config.getCmd()).containsExactly("httpd", "-f", "-p", "8080", "-h", "/www");
    assertThat(config.getUser()).isEqualTo("1000:1000");
    assertThat(config.getWorkingDir()).isEqualTo("/www");
    assertThat(docker.inspectJson(id).at("/Config/StopTimeout").asInt()).isEqualTo(3);
    assertThat(config.getLabels())
        .containsEntry("team", "it")
        .containsEntry(StowLabels.DEPLOYMENT, "it")
        .containsKey(TestDocker.LABEL);
    HealthCheck health = config.getHealthcheck();
    assertThat(health.getTest())
        .containsExactly("CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/");
    assertThat(health.getInterval()).isEqualTo(Duration.ofMillis(300).toNanos());
    assertThat(health.getTimeout()).isEqualTo(Duration.ofSeconds(2).toNanos());
    assertThat(health.getRetries()).isEqualTo(3);
    assertThat(health.getStartPeriod()).isEqualTo(Duration.ofSeconds(5).toNanos());

    assertThat(hostConfig.getRestartPolicy().getName()).isEqualTo("on-failure");
    assertThat(hostConfig.getRestartPolicy().getMaximumRetryCount()).isEqualTo(2);
    assertThat(hostConfig.getMemory()).isEqualTo(64L * 1024 * 1024);
    assertThat(hostConfig.getNanoCPUs()).isEqualTo(500_000_000L);
    assertThat(hostConfig.getInit()).isTrue();
    assertThat(hostConfig.getReadonlyRootfs()).isTrue();
    assertThat(hostConfig.getCapAdd()).extracting(Enum::name).containsExactly("NET_ADMIN");
    assertThat(hostConfig.getCapDrop()).extracting(Enum::name).containsExactly("MKNOD");
    assertThat(hostConfig.getSecurityOpts()).containsExactly("no-new-privileges:true");
    assertThat(hostConfig.getExtraHosts()).containsExactly("db.internal:10.1.2.3");
    assertThat(hostConfig.getTmpFs())
        .containsEntry("/run", "size=1m")
        .containsEntry("/scratch", "");
    assertThat(hostConfig.getLogConfig().getType().getType()).isEqualTo("json-file");
    assertThat(hostConfig.getLogConfig().getConfig()).containsEntry("max-size", "1m");
    assertThat(hostConfig.getBinds()).hasSize(1);
    assertThat(hostConfig.getBinds()[0].getPath()).isEqualTo(conf.toString());
    assertThat(hostConfig.getBinds()[0].getVolume().getPath()).isEqualTo("/conf");
    assertThat(hostConfig.getBinds()[0].getAccessMode().name()).isEqualTo("ro");
    assertThat(inspected.getMounts())
        .anySatisfy(
            m -> {
              assertThat(m.getDestination().getPath()).isEqualTo("/conf");
              assertThat(m.getRW()).isFalse();
            });

    Map<String, ContainerNetwork> networks = inspected.getNetworkSettings().getNetworks();
    assertThat(networks).containsOnlyKeys(front, back);
    assertThat(networks.get(front).getAliases()).contains("web-alias");
    assertThat(networks.get(back).getAliases()).contains("web-alias");

    Ports.Binding[] published =
        inspected.getNetworkSettings().getPorts().getBindings().get(ExposedPort.tcp(8080));
    assertThat(published).isNotEmpty();
    assertThat(published[0].getHostIp()).isEqualTo("127.0.0.1");
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + published[0].getHostPortSpec() + "/"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(body).contains("stow test image");
  }

  @Test
  void pull_byDigestReportsProgressAndLeavesTheImagePresent() {
    List<PullProgress> events = new ArrayList<>();

    host.pull(images.second(), events::add);

    assertThat(events).isNotEmpty();
    assertThat(events).allSatisfy(e -> assertThat(e.image()).isEqualTo(images.second().toString()));
    assertThat(events).anySatisfy(e -> assertThat(e.status()).containsIgnoringCase("digest"));
    assertThat(host.imagePresent(images.second())).isTrue();
  }

  @Test
  void pull_digestTheRegistryLacksFailsNamingTheImageAndWhatToCheck() {
    ImageRef missing = images.missing();

    assertThatThrownBy(() -> host.pull(missing, p -> {}))
        .isInstanceOf(DockerOperationException.class)
        .hasMessageStartingWith("pull " + missing)
        .hasMessageContaining("the registry has no image " + missing.pinned())
        .satisfies(e -> assertThat(((DockerOperationException) e).operation()).isEqualTo("pull"));
    assertThat(host.imagePresent(missing)).isFalse();
  }

  @Test
  void stopAndRemove_stopWithinTheTimeoutThenLeaveNothingBehind() {
    String id =
        run(
            ContainerSpec.builder(docker.name("sleeper"), images.first())
                .args(List.of("sleep", "300"))
                .build());
    docker.await(id, "running", Duration.ofSeconds(10), ContainerState::running);

    Instant before = Instant.now();
    host.stop(id, Duration.ofSeconds(1)); // sleep as PID 1 ignores SIGTERM: Docker kills it
    assertThat(Duration.between(before, Instant.now())).isLessThan(Duration.ofSeconds(10));
    assertThat(host.inspect(id))
        .hasValueSatisfying(s -> assertThat(s.status()).isEqualTo("exited"));
    host.stop(id, Duration.ofSeconds(1)); // stopping a stopped container is fine

    host.remove(id);
    assertThat(host.inspect(id)).isEmpty();
    host.remove(id); // removing a missing container is fine
  }

  @Test
  void remove_runningContainerFailsSayingToStopIt() {
    String id =
        run(
            ContainerSpec.builder(docker.name("busy"), images.first())
                .args(List.of("sleep", "300"))
                .build());

    assertThatThrownBy(() -> host.remove(id))
        .isInstanceOf(DockerOperationException.class)
        .hasMessageStartingWith("remove " + id)
        .hasMessageContaining("stop the container first");
  }

  @Test
  void logTail_returnsTheLastLinesOfStdoutAndStderrOldestFirst() {
    String id =
        run(
            ContainerSpec.builder(docker.name("logger"), images.first())
                .args(
                    List.of(
                        "sh",
                        "-c",
                        "for i in 1 2 3 4 5; do echo out$i; done; sleep 0.2; echo err >&2"))
                .build());
    docker.await(id, "exited", Duration.ofSeconds(10), s -> s.status().equals("exited"));

    assertThat(host.logTail(id, 3)).containsExactly("out4", "out5", "err");
    assertThat(host.logTail(id, 100)).hasSize(6);
    assertThat(host.inspect(id)).hasValueSatisfying(s -> assertThat(s.exitCode()).contains(0));
  }

  @Test
  void crashLoopingContainer_showsRestartCountAboveZero() {
    String id =
        run(
            ContainerSpec.builder(docker.name("crasher"), images.first())
                .restartPolicy("always")
                .args(List.of("sh", "-c", "echo crashing; exit 3"))
                .build());

    ContainerState state =
        docker.await(id, "restarted", Duration.ofSeconds(20), s -> s.restartCount() > 0);

    assertThat(state.restartCount()).isPositive();
    assertThat(host.logTail(id, 1)).containsExactly("crashing");
    host.stop(id, Duration.ofSeconds(1));
    assertThat(host.inspect(id)).hasValueSatisfying(s -> assertThat(s.exitCode()).contains(3));
  }

  @Test
  void listContainers_findsLabelledContainersInEveryState() {
    String running =
        run(
            ContainerSpec.builder(docker.name("list-running"), images.first())
                .args(List.of("sleep", "300"))
                .build());
    String created =
        host.create(
            request(
                ContainerSpec.builder(docker.name("list-created"), images.second())
                    .args(List.of("true"))
                    .build()));

    List<ObservedContainer> listed = host.listContainers(docker.labels());

    assertThat(listed)
        .extracting(ObservedContainer::id)
        .containsExactlyInAnyOrder(running, created);
    assertThat(listed)
        .filteredOn(s -> s.id().equals(created))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.status()).isEqualTo("created");
              assertThat(s.running()).isFalse();
              assertThat(s.name()).isEqualTo(docker.name("list-created"));
              assertThat(s.image()).isEqualTo(images.second().toString());
              assertThat(s.labels()).containsAllEntriesOf(docker.labels());
            });
    assertThat(listed)
        .filteredOn(s -> s.id().equals(running))
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.status()).isEqualTo("running");
              assertThat(s.running()).isTrue();
              assertThat(s).isEqualTo(host.inspect(running).orElseThrow().summary());
            });
    assertThat(host.listContainers(Map.of(TestDocker.LABEL, "no-such-run"))).isEmpty();
  }

  @Test
  void inspect_missingContainerIsEmpty() {
    assertThat(host.inspect(docker.name("never-created"))).isEmpty();
  }

  @Test
  void ensureNetwork_createsALabelledBridgeOnceAndKeepsIt() {
    String name = docker.name("net");

    host.ensureNetwork(name, Map.of(StowLabels.DEPLOYMENT, "it"));
    host.ensureNetwork(name, Map.of(StowLabels.DEPLOYMENT, "it"));

    var networks = docker.client().listNetworksCmd().withNameFilter(name).exec();
    assertThat(networks)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.getDriver()).isEqualTo("bridge");
              assertThat(n.getLabels()).containsEntry(StowLabels.DEPLOYMENT, "it");
            });
  }

  @Test
  void create_nameConflictFailsWithoutShowingEnvValues() {
    ContainerSpec spec =
        ContainerSpec.builder(docker.name("twice"), images.first()).args(List.of("true")).build();
    ContainerCreateRequest request =
        new ContainerCreateRequest(
            spec,
            Map.of("PASSWORD", "s3cret-value"),
            List.of(),
            Map.of(StowLabels.DEPLOYMENT, "it"));
    host.create(request);

    assertThatThrownBy(() -> host.create(request))
        .isInstanceOf(DockerOperationException.class)
        .hasMessageStartingWith("create " + spec.name())
        .hasMessageContaining("remove it first")
        .hasMessageNotContaining("s3cret-value");
  }

  @Test
  void create_imageNotPulledFailsSayingToPullFirst() {
    ContainerSpec spec = ContainerSpec.builder(docker.name("no-image"), images.missing()).build();

    assertThatThrownBy(() -> host.create(request(spec)))
        .isInstanceOf(DockerOperationException.class)
        .hasMessageContaining("pull it first");
  }
}
