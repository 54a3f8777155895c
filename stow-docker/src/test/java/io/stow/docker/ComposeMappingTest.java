package io.stow.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import io.stow.model.BuildSpec;
import io.stow.model.ContainerSpec;
import io.stow.model.ExposedPort;
import io.stow.model.ImageRef;
import io.stow.model.NetworkEndpoint;
import io.stow.model.RuntimeSettings;
import io.stow.model.Ulimit;
import io.stow.model.VolumeMount;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ComposeMappingTest {

  private static final ImageRef IMAGE =
      ImageRef.parse("127.0.0.1:5000/team/app:1.2@sha256:" + "ab".repeat(32));

  private static JsonNode body(ContainerCreateRequest request) {
    CreateContainerCmd cmd =
        CreateContainerMapper.apply(
            request,
            new CreateContainerCmdImpl(
                c -> {
                  throw new AssertionError("unit tests never talk to Docker");
                },
                null,
                "unset"));
    return DockerClientConfig.getDefaultObjectMapper().valueToTree(cmd);
  }

  @Test
  void apply_mapsRuntimeSettingsVolumesAndTheFirstNetworksEndpoint() {
    ContainerSpec spec =
        ContainerSpec.builder("shop-web-1", IMAGE)
            .networks(List.of("shop_front", "shop_back"))
            .endpoint(
                "shop_front",
                new NetworkEndpoint(
                    List.of("web", "www"), Optional.of("172.28.0.10"), Optional.empty()))
            .volumeMount(new VolumeMount(Optional.of("shop_data"), "/data", true, true))
            .volumeMount(new VolumeMount(Optional.empty(), "/scratch", false, false))
            .runtime(
                new RuntimeSettings(
                    Optional.of("web.local"),
                    List.of(ExposedPort.parse("3000"), ExposedPort.parse("5000-5001/udp")),
                    Optional.of("SIGQUIT"),
                    true,
                    true,
                    Optional.of("linux/amd64"),
                    Map.of("net.core.somaxconn", "1024"),
                    List.of(new Ulimit("nofile", 1024, 2048)),
                    List.of("10.0.0.53")))
            .build();

    JsonNode body = body(new ContainerCreateRequest(spec, Map.of(), List.of(), Map.of()));

    assertThat(body.get("Hostname").asText()).isEqualTo("web.local");
    assertThat(body.get("StopSignal").asText()).isEqualTo("SIGQUIT");
    assertThat(body.get("Tty").asBoolean()).isTrue();
    assertThat(body.get("OpenStdin").asBoolean()).isTrue();
    assertThat(body.get("ExposedPorts").fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("3000/tcp", "5000/udp", "5001/udp");
    JsonNode host = body.get("HostConfig");
    assertThat(host.get("NetworkMode").asText()).isEqualTo("shop_front");
    assertThat(host.get("Sysctls").get("net.core.somaxconn").asText()).isEqualTo("1024");
    assertThat(host.get("Ulimits").get(0).get("Name").asText()).isEqualTo("nofile");
    assertThat(host.get("Ulimits").get(0).get("Hard").asLong()).isEqualTo(2048);
    assertThat(host.get("Dns").get(0).asText()).isEqualTo("10.0.0.53");
    JsonNode named = host.get("Mounts").get(0);
    assertThat(named.get("Type").asText()).isEqualTo("volume");
    assertThat(named.get("Source").asText()).isEqualTo("shop_data");
    assertThat(named.get("Target").asText()).isEqualTo("/data");
    assertThat(named.get("ReadOnly").asBoolean()).isTrue();
    assertThat(named.get("VolumeOptions").get("NoCopy").asBoolean()).isTrue();
    JsonNode anonymous = host.get("Mounts").get(1).get("Source");
    assertThat(anonymous == null || anonymous.isNull()).as("anonymous volume source").isTrue();
    assertThat(CreateContainerMapper.endpoint(spec, "shop_front").getAliases())
        .containsExactly("web", "www");
    assertThat(CreateContainerMapper.endpoint(spec, "shop_front").getIpamConfig().getIpv4Address())
        .isEqualTo("172.28.0.10");
    assertThat(CreateContainerMapper.additionalNetworks(spec)).containsExactly("shop_back");
  }

  @Test
  void apply_createsABuiltServiceFromTheRequestsImage() {
    BuildSpec build = new BuildSpec(".", "Dockerfile", Map.of(), Optional.empty(), "stow/shop-web");
    ContainerSpec spec = ContainerSpec.builder("shop-web-1", build.standIn()).build(build).build();
    ContainerCreateRequest request =
        new ContainerCreateRequest(spec, Map.of(), List.of(), Map.of())
            .withImage("stow/shop-web:0123456789ab");

    assertThat(body(request).get("Image").asText()).isEqualTo("stow/shop-web:0123456789ab");
  }

  @Test
  void apply_sharesAnotherContainersNetworkForServiceNetworkMode() {
    ContainerSpec spec =
        ContainerSpec.builder("shop-sidecar-1", IMAGE).networkMode("container:shop-web-1").build();

    assertThat(
            body(new ContainerCreateRequest(spec, Map.of(), List.of(), Map.of()))
                .get("HostConfig")
                .get("NetworkMode")
                .asText())
        .isEqualTo("container:shop-web-1");
  }
}
