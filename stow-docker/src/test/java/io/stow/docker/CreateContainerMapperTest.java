package io.stow.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import io.stow.model.BindOptions;
import io.stow.model.ContainerSpec;
import io.stow.model.HealthcheckSpec;
import io.stow.model.ImageRef;
import io.stow.model.LoggingSpec;
import io.stow.model.RestartPolicy;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreateContainerMapperTest {

  private static final ImageRef IMAGE =
      ImageRef.parse("127.0.0.1:5000/team/app:1.2@sha256:" + "ab".repeat(32));

  /** The request body exactly as docker-java sends it to {@code POST /containers/create}. */
  private static JsonNode body(ContainerCreateRequest request) {
    CreateContainerCmd cmd = CreateContainerMapper.apply(request, newCmd());
    return DockerClientConfig.getDefaultObjectMapper().valueToTree(cmd);
  }

  private static void assertUnset(JsonNode parent, String field) {
    JsonNode value = parent.get(field);
    assertThat(value == null || value.isNull()).as("%s is unset: %s", field, value).isTrue();
  }

  /** A command that is only filled, never sent. */
  private static CreateContainerCmd newCmd() {
    return new CreateContainerCmdImpl(
        cmd -> {
          throw new AssertionError("unit tests never talk to Docker");
        },
        null,
        "unset");
  }

  private static ContainerCreateRequest request(ContainerSpec spec) {
    return new ContainerCreateRequest(spec, Map.of(), List.of(), Map.of());
  }

  @Test
  void apply_mapsEveryDescriptorFieldIntoTheRequestBody() {
    ContainerSpec spec =
        ContainerSpec.builder("web", IMAGE)
            .restartPolicy("on-failure:3")
            .memory("512m")
            .publish(List.of("127.0.0.1:8080:80", "9090:90/udp", "7000"))
            .args(List.of("httpd", "-f"))
            .entrypoint(List.of("/bin/sh", "-c"))
            .user("1000:1000")
            .workingDir("/www")
            .init(true)
            .healthcheck(
                new HealthcheckSpec(
                    List.of("CMD-SHELL", "wget -q -O- http://127.0.0.1/"),
                    Optional.of(Duration.ofSeconds(2)),
                    Optional.of(Duration.ofMillis(1500)),
                    Optional.of(4),
                    Optional.of(Duration.ofSeconds(10)),
                    false))
            .networks(List.of("front", "back"))
            .networkAliases(List.of("web", "www"))
            .cpus(new BigDecimal("1.5"))
            .readOnlyRootfs(true)
            .capAdd(List.of("NET_ADMIN", "cap_sys_time"))
            .capDrop(List.of("ALL"))
            .securityOpt(List.of("no-new-privileges:true"))
            .extraHosts(List.of("db:10.0.0.5", "cache=10.0.0.6"))
            .tmpfs(List.of("/run", "/tmp:size=64m"))
            .stopTimeout(Duration.ofSeconds(30))
            .logging(new LoggingSpec("json-file", Map.of("max-size", "10m")))
            .build();
    ContainerCreateRequest request =
        new ContainerCreateRequest(
            spec,
            Map.of("GREETING", "hello"),
            List.of(
                new BindMount("/srv/conf", "/etc/app", BindOptions.of(true, Optional.of("z"))),
                new BindMount("/srv/data", "/data", BindOptions.DEFAULT)),
            Map.of("stow.deployment", "prod", "team", "web"));

    JsonNode body = body(request);
    JsonNode host = body.get("HostConfig");

    assertThat(CreateContainerMapper.apply(request, newCmd()).getName())
        .as("the name travels as a query parameter")
        .isEqualTo("web");
    assertThat(body.get("Image").asText()).isEqualTo(IMAGE.toString());
    assertThat(body.get("Env")).extracting(JsonNode::asText).containsExactly("GREETING=hello");
    assertThat(body.get("Cmd")).extracting(JsonNode::asText).containsExactly("httpd", "-f");
    assertThat(body.get("Entrypoint"))
        .extracting(JsonNode::asText)
        .containsExactly("/bin/sh", "-c");
    assertThat(body.get("User").asText()).isEqualTo("1000:1000");
    assertThat(body.get("WorkingDir").asText()).isEqualTo("/www");
    assertThat(body.get("StopTimeout").asInt()).isEqualTo(30);
    assertThat(body.get("Labels").get("stow.deployment").asText()).isEqualTo("prod");
    assertThat(body.get("Labels").get("team").asText()).isEqualTo("web");
    assertThat(body.get("ExposedPorts").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("80/tcp", "90/udp", "7000/tcp");
    JsonNode health = body.get("Healthcheck");
    assertThat(health.get("Test"))
        .extracting(JsonNode::asText)
        .containsExactly("CMD-SHELL", "wget -q -O- http://127.0.0.1/");
    assertThat(health.get("Interval").asLong()).isEqualTo(2_000_000_000L);
    assertThat(health.get("Timeout").asLong()).isEqualTo(1_500_000_000L);
    assertThat(health.get("Retries").asInt()).isEqualTo(4);
    assertThat(health.get("StartPeriod").asLong()).isEqualTo(10_000_000_000L);
    // docker-java adds the endpoint config (first network + aliases) only when it executes
    assertUnset(body, "NetworkingConfig");

    assertThat(host.get("Binds"))
        .extracting(JsonNode::asText)
        .containsExactly("/srv/conf:/etc/app:ro,z", "/srv/data:/data:rw");
    assertThat(host.get("RestartPolicy").get("Name").asText()).isEqualTo("on-failure");
    assertThat(host.get("RestartPolicy").get("MaximumRetryCount").asInt()).isEqualTo(3);
    assertThat(host.get("Memory").asLong()).isEqualTo(512L * 1024 * 1024);
    assertThat(host.get("NanoCpus").asLong()).isEqualTo(1_500_000_000L);
    assertThat(host.get("Init").asBoolean()).isTrue();
    assertThat(host.get("ReadonlyRootfs").asBoolean()).isTrue();
    assertThat(host.get("NetworkMode").asText()).isEqualTo("front");
    assertThat(host.get("CapAdd"))
        .extracting(JsonNode::asText)
        .containsExactly("NET_ADMIN", "SYS_TIME");
    assertThat(host.get("CapDrop")).extracting(JsonNode::asText).containsExactly("ALL");
    assertThat(host.get("SecurityOpt"))
        .extracting(JsonNode::asText)
        .containsExactly("no-new-privileges:true");
    assertThat(host.get("ExtraHosts"))
        .extracting(JsonNode::asText)
        .containsExactly("db:10.0.0.5", "cache:10.0.0.6");
    assertThat(host.get("Tmpfs").get("/run").asText()).isEmpty();
    assertThat(host.get("Tmpfs").get("/tmp").asText()).isEqualTo("size=64m");
    assertThat(host.get("LogConfig").get("Type").asText()).isEqualTo("json-file");
    assertThat(host.get("LogConfig").get("Config").get("max-size").asText()).isEqualTo("10m");
    JsonNode ports = host.get("PortBindings");
    assertThat(ports.get("80/tcp").get(0).get("HostIp").asText()).isEqualTo("127.0.0.1");
    assertThat(ports.get("80/tcp").get(0).get("HostPort").asText()).isEqualTo("8080");
    assertThat(ports.get("90/udp").get(0).get("HostPort").asText()).isEqualTo("9090");
    assertThat(ports.get("7000/tcp").get(0).get("HostPort").asText()).isEmpty();
  }

  @Test
  void apply_putsAliasesOnTheFirstNetworkAndLeavesTheRestForConnect() {
    ContainerSpec spec =
        ContainerSpec.builder("web", IMAGE)
            .networks(List.of("front", "back", "admin"))
            .networkAliases(List.of("web"))
            .build();

    CreateContainerCmd cmd = CreateContainerMapper.apply(request(spec), newCmd());

    assertThat(cmd.getHostConfig().getNetworkMode()).isEqualTo("front");
    assertThat(cmd.getAliases()).containsExactly("web");
    assertThat(CreateContainerMapper.additionalNetworks(spec)).containsExactly("back", "admin");
  }

  @Test
  void apply_leavesImageDefaultsAloneWhenFieldsAreAbsent() {
    JsonNode body = body(request(ContainerSpec.builder("plain", IMAGE).build()));
    JsonNode host = body.get("HostConfig");

    assertUnset(body, "Cmd");
    assertUnset(body, "Entrypoint");
    assertUnset(body, "Healthcheck");
    assertUnset(body, "User");
    assertUnset(body, "StopTimeout");
    assertUnset(host, "RestartPolicy");
    assertUnset(host, "Memory");
    assertUnset(host, "NetworkMode");
    assertThat(CreateContainerMapper.additionalNetworks(ContainerSpec.builder("p", IMAGE).build()))
        .isEmpty();
  }

  @Test
  void apply_clearsTheImageEntrypointWhenTheDescriptorGivesAnEmptyOne() {
    JsonNode body = body(request(ContainerSpec.builder("c", IMAGE).entrypoint(List.of()).build()));

    assertThat(body.get("Entrypoint")).extracting(JsonNode::asText).containsExactly("");
  }

  @Test
  void apply_disabledHealthcheckBecomesNone() {
    HealthcheckSpec disabled =
        new HealthcheckSpec(
            List.of("CMD", "true"),
            Optional.of(Duration.ofSeconds(5)),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            true);

    JsonNode body = body(request(ContainerSpec.builder("c", IMAGE).healthcheck(disabled).build()));

    assertThat(body.get("Healthcheck").get("Test"))
        .extracting(JsonNode::asText)
        .containsExactly("NONE");
    assertUnset(body.get("Healthcheck"), "Interval");
  }

  @Test
  void restartPolicy_mapsEveryDockerPolicy() {
    // docker-java spells "no" as the empty name, which Docker reads as no restart
    assertThat(policy("no").getName()).isEmpty();
    assertThat(policy("always").getName()).isEqualTo("always");
    assertThat(policy("unless-stopped").getName()).isEqualTo("unless-stopped");
    assertThat(policy("on-failure").getMaximumRetryCount()).isZero();
    assertThat(policy("on-failure:5").getMaximumRetryCount()).isEqualTo(5);
  }

  private static com.github.dockerjava.api.model.RestartPolicy policy(String text) {
    return CreateContainerMapper.restartPolicy(RestartPolicy.parse(text));
  }

  @Test
  void logConfig_writesAnyDriverNameAsText() {
    ContainerSpec spec =
        ContainerSpec.builder("c", IMAGE)
            .logging(new LoggingSpec("grafana/loki-docker-driver:2.9", Map.of("loki-url", "x")))
            .build();

    JsonNode log = body(request(spec)).get("HostConfig").get("LogConfig");

    assertThat(log.get("Type").asText()).isEqualTo("grafana/loki-docker-driver:2.9");
    assertThat(log.get("Config").get("loki-url").asText()).isEqualTo("x");
  }

  @Test
  void binds_carryPropagationAndTheSelinuxLabel() {
    List<com.github.dockerjava.api.model.Bind> binds =
        CreateContainerMapper.binds(
            List.of(new BindMount("/a", "/b", BindOptions.of(false, Optional.of("Z,rslave")))));

    assertThat(binds.get(0).toString()).isEqualTo("/a:/b:rw,Z,rslave");
  }

  @Test
  void ports_publishRangesAndIpv6AsDockerRunDoes() {
    ContainerSpec spec =
        ContainerSpec.builder("c", IMAGE)
            .publish(List.of("8000-8001:9000-9001", "[::1]:7000:70", "6000-6010:60/udp"))
            .build();

    JsonNode ports = body(request(spec)).get("HostConfig").get("PortBindings");

    assertThat(ports.get("9000/tcp").get(0).get("HostPort").asText()).isEqualTo("8000");
    assertThat(ports.get("9001/tcp").get(0).get("HostPort").asText()).isEqualTo("8001");
    assertThat(ports.get("70/tcp").get(0).get("HostIp").asText()).isEqualTo("::1");
    assertThat(ports.get("60/udp").get(0).get("HostPort").asText()).isEqualTo("6000-6010");
  }

  @Test
  void request_toStringNeverShowsEnvValues() {
    ContainerCreateRequest request =
        new ContainerCreateRequest(
            ContainerSpec.builder("c", IMAGE).build(),
            Map.of("PASSWORD", "s3cret"),
            List.of(),
            Map.of());

    assertThat(request.toString()).contains("PASSWORD").doesNotContain("s3cret");
  }
}
