package io.stow.model.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.ExtraHost;
import io.stow.model.HealthcheckSpec;
import io.stow.model.LoggingSpec;
import io.stow.model.PublishSpec;
import io.stow.model.RestartPolicy;
import io.stow.model.TmpfsMount;
import io.stow.model.VerifySettings;
import io.stow.model.VolumeSpec;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DescriptorParserTest {

  static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  static final Path EXAMPLES = Path.of("..", "examples");

  private static Descriptor parse(String yaml) {
    return DescriptorParser.parse("stow.yaml", yaml.getBytes(StandardCharsets.UTF_8));
  }

  private static List<Problem> problems(String yaml) {
    try {
      parse(yaml);
    } catch (DescriptorException e) {
      return e.problems();
    }
    throw new AssertionError("expected the descriptor to be invalid");
  }

  @Test
  void parse_readsTheOriginalToolsFormat() {
    Descriptor d = DescriptorParser.parse(EXAMPLES.resolve("original/stow.yaml"));

    assertThat(d.deployment().name()).isEqualTo("webapp");
    assertThat(d.deployment().daemonBaseUrl()).contains("https://deploy-host.example.com:17403/");
    assertThat(d.deployment().verify()).isEqualTo(VerifySettings.DEFAULT);
    ContainerSpec web = d.containers().get(0);
    assertThat(web.name()).isEqualTo("webapp");
    assertThat(web.image().tag()).isEqualTo("20260428.0");
    assertThat(web.restartPolicy()).contains(RestartPolicy.parse("unless-stopped"));
    assertThat(web.memory().orElseThrow().bytes()).isEqualTo(512L * 1024 * 1024);
    assertThat(web.publish()).containsExactly(PublishSpec.parse("127.0.0.1:8080:8080"));
    assertThat(web.volumes())
        .containsExactly(
            new VolumeSpec("runtime/webapp.env", "/etc/webapp/webapp.env", true, Optional.empty()),
            new VolumeSpec("/var/lib/webapp", "/data", false, Optional.of("Z")));
    assertThat(web.args()).containsExactly("--config", "/etc/webapp/webapp.env");
  }

  @Test
  void parse_readsEveryBeyondField() {
    Descriptor d = DescriptorParser.parse(EXAMPLES.resolve("full/stow.yaml"));

    assertThat(d.deployment().verify())
        .isEqualTo(new VerifySettings(Duration.ofSeconds(90), Duration.ofSeconds(30)));
    assertThat(d.networks()).extracting("name").containsExactly("shop-internal");
    ContainerSpec db = d.container("shop-db").orElseThrow();
    assertThat(db.image().repository()).isEqualTo("registry.example.com:5000/shop/postgres");
    assertThat(db.image().digestHex()).startsWith("abcdef0123");
    assertThat(db.cpus()).contains(new BigDecimal("1.5"));
    assertThat(db.envFiles()).containsExactly("db/postgres.env");
    assertThat(db.user()).contains("999:999");
    assertThat(db.networkAliases()).containsExactly("db");
    assertThat(db.healthcheck())
        .contains(
            new HealthcheckSpec(
                List.of("CMD-SHELL", "pg_isready -U postgres"),
                Optional.of(Duration.ofSeconds(5)),
                Optional.of(Duration.ofSeconds(3)),
                Optional.of(5),
                Optional.of(Duration.ofSeconds(20)),
                false));
    assertThat(db.stopTimeout()).contains(Duration.ofMinutes(1));
    assertThat(db.logging())
        .contains(new LoggingSpec("json-file", Map.of("max-size", "10m", "max-file", "3")));

    ContainerSpec web = d.container("shop-web").orElseThrow();
    assertThat(web.entrypoint()).contains(List.of("/docker-entrypoint.sh"));
    assertThat(web.args()).containsExactly("nginx", "-g", "daemon off;");
    assertThat(web.workingDir()).contains("/srv");
    assertThat(web.init()).contains(true);
    assertThat(web.labels()).containsEntry("com.example.team", "shop");
    assertThat(web.readOnlyRootfs()).isTrue();
    assertThat(web.capAdd()).containsExactly("NET_BIND_SERVICE");
    assertThat(web.capDrop()).containsExactly("ALL");
    assertThat(web.securityOpt()).containsExactly("no-new-privileges:true");
    assertThat(web.extraHosts()).containsExactly(new ExtraHost("metrics.local", "10.0.0.7"));
    assertThat(web.tmpfs())
        .containsExactly(
            new TmpfsMount("/tmp", ""), new TmpfsMount("/var/cache/nginx", "size=64m"));
    assertThat(web.healthcheck().orElseThrow().test())
        .containsExactly("CMD-SHELL", "wget -q -O- http://127.0.0.1:8443/healthz");
    assertThat(web.volumes().get(1).sourceKind()).isEqualTo(VolumeSpec.SourceKind.RUNTIME);
    assertThat(web.volumes().get(0).sourceKind()).isEqualTo(VolumeSpec.SourceKind.RELATIVE);
  }

  @Test
  void parse_expandsAnchorsAndMergeKeys() {
    Descriptor d =
        parse(
            """
            deployment: {name: demo}
            containers:
              - &common
                name: one
                image: app:1@sha256:%s
                restartPolicy: always
                memory: 64m
              - <<: *common
                name: two
                memory: 128m
            """
                .formatted(HEX));
    assertThat(d.containers()).extracting(ContainerSpec::name).containsExactly("one", "two");
    assertThat(d.containers())
        .extracting(c -> c.memory().orElseThrow().text())
        .containsExactly("64m", "128m");
    assertThat(d.containers())
        .allMatch(c -> c.restartPolicy().orElseThrow().toString().equals("always"));
    assertThat(d.containers().get(1).image()).isEqualTo(d.containers().get(0).image());
  }

  @Test
  void parse_supportsAliasesOfLists() {
    Descriptor d =
        parse(
            """
            deployment: {name: demo}
            containers:
              - name: one
                image: app:1@sha256:%s
                args: &args ["--port", "80"]
              - name: two
                image: app:1@sha256:%s
                args: *args
            """
                .formatted(HEX, HEX));
    assertThat(d.containers().get(1).args()).containsExactly("--port", "80");
  }

  @Test
  void parse_reportsEveryProblemWithPathAndPosition() {
    List<Problem> problems =
        problems(
            """
            deployment:
              name: "  "
            containers:
              - name: web
                image: nginx:1.27
                memory: 1x
                publish: ["localhost:80:80"]
            """);
    assertThat(problems)
        .extracting(Problem::toString)
        .containsExactly(
            "stow.yaml:2:9: deployment.name: must not be empty",
            "stow.yaml:5:12: containers[0].image: image 'nginx:1.27' has no digest; pin it as"
                + " repo:tag@sha256:<64 hex>",
            "stow.yaml:6:13: containers[0].memory: memory '1x' is not a size; write a number with"
                + " an optional unit b, k, m, g, t or p (512m, 1.5g, 512MiB), as docker run"
                + " --memory accepts",
            "stow.yaml:7:15: containers[0].publish[0]: publish 'localhost:80:80' is invalid:"
                + " 'localhost' is not an IP address (a host name cannot be published on); write"
                + " [hostIp:][hostPort:]containerPort[/udp], e.g. \"127.0.0.1:8080:80\","
                + " \"8000-8010:8000-8010\" or \"[::1]:8080:80\"");
  }

  @Test
  void parse_takesEnvValuesAsWritten() {
    Descriptor d =
        parse(
            """
            deployment: {name: demo}
            containers:
              - name: web
                image: app:1@sha256:%s
                env:
                  PIN: 918273645
                  FLAG: Off
                  HEX: 0x1F
                  EMPTY:
            """
                .formatted(HEX));
    assertThat(d.containers().get(0).env())
        .containsExactly(
            Map.entry("PIN", "918273645"),
            Map.entry("FLAG", "Off"),
            Map.entry("HEX", "0x1F"),
            Map.entry("EMPTY", ""));
  }

  @Test
  void parse_neverEchoesEnvValuesInProblems() {
    List<Problem> problems =
        problems(
            """
            deployment: {name: demo}
            containers:
              - name: web
                image: app:1@sha256:%s
                env:
                  PIN: [918273645]
                  FLAG: {secret: Off}
            """
                .formatted(HEX));
    assertThat(problems).hasSize(2);
    assertThat(problems.toString()).doesNotContain("918273645").doesNotContain("Off");
  }

  @Test
  void parse_rejectsDuplicateKeys() {
    List<Problem> problems =
        problems(
            """
            deployment: {name: demo}
            deployment: {name: other}
            containers: []
            """);
    assertThat(problems.get(0).toString()).contains("2:1").contains("duplicate key 'deployment'");
  }

  @Test
  void parse_rejectsMissingFile() {
    assertThatThrownBy(() -> DescriptorParser.parse(Path.of("no/such/stow.yaml")))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("no such file");
  }
}
