package io.stow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerSpecTest {

  private static final ImageRef IMAGE = ImageRef.parse("app:1@sha256:" + "ab".repeat(32));

  @Test
  void toString_namesEnvVariablesButNeverTheirValues() {
    ContainerSpec spec =
        ContainerSpec.builder("web", IMAGE).env("DB_PASSWORD", "hunter2-s3cret").build();

    assertThat(spec.toString()).contains("web").contains("DB_PASSWORD").doesNotContain("hunter2");
  }

  @Test
  void capabilities_areKeptInOneSpelling() {
    ContainerSpec spec =
        ContainerSpec.builder("web", IMAGE)
            .capAdd(List.of("cap_net_admin", "Sys_Time", "all"))
            .build();

    assertThat(spec.capAdd()).containsExactly("NET_ADMIN", "SYS_TIME", "ALL");
    assertThatThrownBy(() -> ContainerSpec.builder("web", IMAGE).capAdd(List.of("FLY")))
        .hasMessageContaining("capability 'FLY' is unknown");
  }

  @Test
  void cpus_becomeNanoCpusAndRefuseMoreThanNineDecimals() {
    assertThat(ContainerSpec.builder("w1", IMAGE).cpus(new BigDecimal("1.5")).build().nanoCpus())
        .isEqualTo(1_500_000_000L);
    assertThatThrownBy(
            () -> ContainerSpec.builder("w1", IMAGE).cpus(new BigDecimal("0.0000000001")).build())
        .hasMessageContaining("nine decimals");
  }

  @Test
  void memory_readsDockerUnits() {
    assertThat(MemorySize.parse("1.5g").bytes()).isEqualTo(1536L * 1024 * 1024);
    assertThat(MemorySize.parse("512MiB").bytes()).isEqualTo(512L * 1024 * 1024);
    assertThat(MemorySize.parse("1t").bytes()).isEqualTo(1L << 40);
    assertThat(MemorySize.parse("0").bytes()).isZero();
    assertThatThrownBy(() -> MemorySize.parse("5m")).hasMessageContaining("6 MiB");
    assertThatThrownBy(() -> MemorySize.parse("512Mi")).hasMessageContaining("not a size");
  }

  @Test
  void publish_readsEveryFormOfDockerRunP() {
    assertThat(PublishSpec.parse("::1:8080:80").hostIp()).contains("::1");
    assertThat(PublishSpec.parse("[::1]:8080:80").mappings())
        .containsExactly(new PortMapping("::1", "8080", 80, "tcp"));
    assertThat(PublishSpec.parse("127.0.0.1::80/UDP").mappings())
        .containsExactly(new PortMapping("127.0.0.1", "", 80, "udp"));
    assertThat(PublishSpec.parse("8000-8001:9000-9001").mappings())
        .containsExactly(
            new PortMapping("", "8000", 9000, "tcp"), new PortMapping("", "8001", 9001, "tcp"));
    assertThat(PublishSpec.parse("8000-8010:80").mappings())
        .containsExactly(new PortMapping("", "8000-8010", 80, "tcp"));
    assertThatThrownBy(() -> PublishSpec.parse("localhost:80:80"))
        .hasMessageContaining("not an IP address");
  }
}
