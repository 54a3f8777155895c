package io.stow.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.docker.PortPublishing.Mapping;
import org.junit.jupiter.api.Test;

class PortPublishingTest {

  @Test
  void mappings_containerPortOnlyPublishesOnARandomHostPort() {
    assertThat(PortPublishing.mappings("80")).containsExactly(new Mapping("", "", 80, "tcp"));
  }

  @Test
  void mappings_hostAndContainerPort() {
    assertThat(PortPublishing.mappings("8080:80"))
        .containsExactly(new Mapping("", "8080", 80, "tcp"));
  }

  @Test
  void mappings_hostIpHostPortAndContainerPort() {
    assertThat(PortPublishing.mappings("127.0.0.1:8080:80"))
        .containsExactly(new Mapping("127.0.0.1", "8080", 80, "tcp"));
    assertThat(PortPublishing.mappings("127.0.0.1::80"))
        .containsExactly(new Mapping("127.0.0.1", "", 80, "tcp"));
  }

  @Test
  void mappings_ipv6HostIpInBrackets() {
    assertThat(PortPublishing.mappings("[::1]:8080:80"))
        .containsExactly(new Mapping("::1", "8080", 80, "tcp"));
  }

  @Test
  void mappings_protocolSuffix() {
    assertThat(PortPublishing.mappings("8080:80/udp"))
        .containsExactly(new Mapping("", "8080", 80, "udp"));
    assertThat(PortPublishing.mappings("53/UDP")).containsExactly(new Mapping("", "", 53, "udp"));
  }

  @Test
  void mappings_expandsEqualRanges() {
    assertThat(PortPublishing.mappings("8000-8001:9000-9001"))
        .containsExactly(
            new Mapping("", "8000", 9000, "tcp"), new Mapping("", "8001", 9001, "tcp"));
  }

  @Test
  void mappings_rejectsMalformedEntriesNamingThem() {
    assertThatThrownBy(() -> PortPublishing.mappings("http"))
        .hasMessageContaining("publish 'http' is invalid");
    assertThatThrownBy(() -> PortPublishing.mappings("8080:80/icmp"))
        .hasMessageContaining("tcp, udp or sctp");
    assertThatThrownBy(() -> PortPublishing.mappings("70000:80")).hasMessageContaining("65535");
    assertThatThrownBy(() -> PortPublishing.mappings("1:2:3:4")).hasMessageContaining("invalid");
    assertThatThrownBy(() -> PortPublishing.mappings("8000-8002:9000-9001"))
        .hasMessageContaining("differ in length");
  }
}
