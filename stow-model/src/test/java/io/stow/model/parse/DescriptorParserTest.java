package io.stow.model.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.HealthcheckSpec;
import io.stow.model.LoggingSpec;
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
    assertThat(web.restartPolicy()).contains("unless-stopped");
    assertThat(web.memory()).contains("512m");
    assertThat(web.publish()).containsExactly("127.0.0.1:8080:8080");
    assertThat(web.volumes())
        .containsExactly(
            new VolumeSpec("runtime/webapp.env", "/etc/webapp/webapp.env", true, Optional.empty()),
            new VolumeSpec("/var/lib/webapp", "/data", false, Optional.of("Z")));
    assertThat(web.env())
        .containsExactly(Map.entry("LOG_LEVEL", "info"), Map.entry("PORT", "8080"));
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
    assertThat(web.extraHosts()).containsExactly("metrics.local:10.0.0.7");
    assertThat(web.tmpfs()).containsExactly("/tmp", "/var/cache/nginx:size=64m");
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
        .extracting(c -> c.memory().orElseThrow())
        .containsExactly("64m", "128m");
    assertThat(d.containers()).allMatch(c -> c.restartPolicy().orElseThrow().equals("always"));
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
              name: Bad Name
            containers:
              - name: web
                image: nginx:1.27
                env:
                  PORT: 8080
            """);
    assertThat(problems)
        .extracting(Problem::toString)
        .containsExactly(
            "stow.yaml:2:9: deployment.name: 'Bad Name' is not a valid deployment name; use"
                + " lower-case letters, digits, '_', '.', '-', starting with a letter or digit",
            "stow.yaml:5:12: containers[0].image: image 'nginx:1.27' has no digest; pin it as"
                + " repo:tag@sha256:<64 hex>",
            "stow.yaml:7:13: containers[0].env.PORT: must be a string, found a number; quote it,"
                + " e.g. \"...\" (YAML reads unquoted numbers and yes/no/true/false as other"
                + " types)");
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
                  PIN: 918273645
                  FLAG: Off
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
