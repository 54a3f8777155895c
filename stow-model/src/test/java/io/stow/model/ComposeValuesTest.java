package io.stow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The value rules Compose files need beyond stow.yaml's, each as Docker reads the value. */
class ComposeValuesTest {

  @Test
  void durationsParseGo_readsComposeDurations() {
    assertThat(Durations.parseGo("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parseGo("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parseGo("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parseGo("10us")).isEqualTo(Duration.ofNanos(10_000));
    assertThat(Durations.parseGo("0")).isEqualTo(Duration.ZERO);
    assertThat(Durations.parseGo("2h45m")).isEqualTo(Duration.ofMinutes(165));
    assertThatThrownBy(() -> Durations.parseGo("10")).hasMessageContaining("like 10s");
    assertThatThrownBy(() -> Durations.parseGo("-5s")).hasMessageContaining("not a duration");
    assertThatThrownBy(() -> Durations.parseGo("10 seconds"))
        .hasMessageContaining("not a duration");
  }

  @Test
  void durationsParse_staysStowYamlsGrammar() {
    assertThatThrownBy(() -> Durations.parse("1.5s")).hasMessageContaining("like 20s");
  }

  @Test
  void exposedPort_readsPortsRangesAndProtocols() {
    assertThat(ExposedPort.parse("3000"))
        .isEqualTo(new ExposedPort(new PortRange(3000, 3000), "tcp"));
    assertThat(ExposedPort.parse("5000-5010/UDP").toString()).isEqualTo("5000-5010/udp");
    assertThatThrownBy(() -> ExposedPort.parse("70000")).hasMessageContaining("out of range");
    assertThatThrownBy(() -> ExposedPort.parse("80/http")).hasMessageContaining("tcp, udp or sctp");
  }

  @Test
  void signals_readNamesWithOrWithoutSigAndNumbers() {
    assertThat(Signals.check("SIGQUIT")).isEqualTo("SIGQUIT");
    assertThat(Signals.check("term")).isEqualTo("SIGTERM");
    assertThat(Signals.check("SIGRTMIN+3")).isEqualTo("SIGRTMIN+3");
    assertThat(Signals.check("9")).isEqualTo("9");
    assertThatThrownBy(() -> Signals.check("SIGFOO")).hasMessageContaining("not a signal");
    assertThatThrownBy(() -> Signals.check("65")).hasMessageContaining("not a signal");
  }

  @Test
  void sysctls_allowOnlyNamespacedParameters() {
    assertThat(Sysctls.check("net.core.somaxconn", false)).isEqualTo("net.core.somaxconn");
    assertThat(Sysctls.check("kernel.shmmax", true)).isEqualTo("kernel.shmmax");
    assertThat(Sysctls.check("fs.mqueue.msg_max", false)).isEqualTo("fs.mqueue.msg_max");
    assertThatThrownBy(() -> Sysctls.check("net.ipv4.ip_forward", true))
        .hasMessageContaining("host's network");
    assertThatThrownBy(() -> Sysctls.check("vm.swappiness", false))
        .hasMessageContaining("not namespaced");
  }

  @Test
  void ulimit_checksNamesAndOrder() {
    assertThat(new Ulimit("nofile", 1024, 2048).toString()).isEqualTo("nofile=1024:2048");
    assertThat(new Ulimit("memlock", -1, -1).hard()).isEqualTo(-1);
    assertThatThrownBy(() -> new Ulimit("files", 1, 1)).hasMessageContaining("not a ulimit");
    assertThatThrownBy(() -> new Ulimit("nofile", 2048, 1024)).hasMessageContaining("above");
  }

  @Test
  void subnet_parsesCidrAndKnowsItsAddresses() {
    Subnet v4 = Subnet.parse("172.28.0.0/16");
    assertThat(v4.contains("172.28.5.10")).isTrue();
    assertThat(v4.contains("172.29.0.1")).isFalse();
    assertThat(v4.contains("fd00::1")).isFalse();
    Subnet v6 = Subnet.parse("fd00:1::/64");
    assertThat(v6.contains("fd00:1::10")).isTrue();
    assertThat(v6.contains("fd00:2::10")).isFalse();
    assertThatThrownBy(() -> Subnet.parse("172.28.0.0")).hasMessageContaining("CIDR");
    assertThatThrownBy(() -> Subnet.parse("172.28.0.0/33"))
        .hasMessageContaining("between 0 and 32");
    assertThatThrownBy(() -> Subnet.parse("db.local/24")).hasMessageContaining("not an IP");
  }

  @Test
  void ipamPool_keepsTheGatewayAndRangeInTheSubnet() {
    Subnet subnet = Subnet.parse("10.5.0.0/16");
    assertThat(
            new IpamPool(subnet, Optional.of("10.5.0.1"), Optional.of(Subnet.parse("10.5.1.0/24"))))
        .isNotNull();
    assertThatThrownBy(() -> new IpamPool(subnet, Optional.of("10.6.0.1"), Optional.empty()))
        .hasMessageContaining("not in the subnet");
    assertThatThrownBy(
            () -> new IpamPool(subnet, Optional.empty(), Optional.of(Subnet.parse("10.0.0.0/8"))))
        .hasMessageContaining("not inside the subnet");
  }

  @Test
  void runtimeSettings_checkHostnamePlatformAndDns() {
    assertThatThrownBy(
            () ->
                new RuntimeSettings(
                    Optional.of("-bad"),
                    List.of(),
                    Optional.empty(),
                    false,
                    false,
                    Optional.empty(),
                    java.util.Map.of(),
                    List.of(),
                    List.of()))
        .hasMessageContaining("not a valid host name");
    assertThatThrownBy(
            () ->
                new RuntimeSettings(
                    Optional.empty(),
                    List.of(),
                    Optional.empty(),
                    false,
                    false,
                    Optional.of("amd64"),
                    java.util.Map.of(),
                    List.of(),
                    List.of()))
        .hasMessageContaining("os/arch");
    assertThatThrownBy(
            () ->
                new RuntimeSettings(
                    Optional.empty(),
                    List.of(),
                    Optional.empty(),
                    false,
                    false,
                    Optional.empty(),
                    java.util.Map.of(),
                    List.of(),
                    List.of("dns.example")))
        .hasMessageContaining("not an IP address");
  }

  @Test
  void buildSpec_definitionHashCoversArgsButToStringNeverShowsTheirValues() {
    BuildSpec a =
        new BuildSpec(
            ".", "Dockerfile", java.util.Map.of("TOKEN", "s3cr3t"), Optional.empty(), "stow/p-web");
    BuildSpec b =
        new BuildSpec(
            ".", "Dockerfile", java.util.Map.of("TOKEN", "other"), Optional.empty(), "stow/p-web");
    assertThat(a.definitionHash()).isNotEqualTo(b.definitionHash());
    assertThat(a.standIn().tag()).isEqualTo(BuildSpec.STAND_IN_TAG);
    assertThat(a.toString()).contains("TOKEN").doesNotContain("s3cr3t");
  }

  @Test
  void dotenv_readsComposeDotenvAndNeverQuotesALine() {
    assertThat(Dotenv.parse("# c\nexport A=1\nB='x y'\nC=\"a\\nb\"\nD=plain # comment\n", ".env"))
        .containsExactly(
            java.util.Map.entry("A", "1"),
            java.util.Map.entry("B", "x y"),
            java.util.Map.entry("C", "a\nb"),
            java.util.Map.entry("D", "plain"));
    assertThatThrownBy(() -> Dotenv.parse("s3cr3t-without-name\n", ".env"))
        .hasMessageContaining(".env line 1")
        .hasMessageNotContaining("s3cr3t");
  }
}
