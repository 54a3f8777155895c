package io.stow.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import io.stow.model.ContainerSpec;
import io.stow.model.VolumeSpec;
import io.stow.model.parse.DescriptorException;
import io.stow.model.parse.DescriptorParser;
import io.stow.model.parse.ParsedDescriptor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * "Valid means buildable": for generated descriptors, with valid and invalid values in every field,
 * every one that stow.yaml's rules accept maps to a docker-java create command that builds and
 * serialises without an error. A value the model accepts but the adapter cannot express would fail
 * here.
 */
class ValidMeansBuildableTest {

  private static final String IMAGE =
      "registry.example.com/app:1@sha256:" + "0123456789abcdef".repeat(4);
  private static final ObjectMapper JSON = DockerClientConfig.getDefaultObjectMapper();

  @Property(tries = 2000)
  void everyAcceptedDescriptorBuildsItsCreateRequests(@ForAll("descriptors") String yaml)
      throws Exception {
    // the generator must reach both sides: accepted descriptors are what the property is about
    Statistics.label("outcome")
        .coverage(
            c -> {
              c.check("accepted").percentage(p -> p >= 5.0);
              c.check("refused").percentage(p -> p >= 5.0);
            });
    ParsedDescriptor parsed;
    try {
      parsed = DescriptorParser.read("stow.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    } catch (DescriptorException e) {
      Statistics.label("outcome").collect("refused");
      assertThat(e.problems()).allMatch(p -> p.line() > 0, "every problem has a position");
      return;
    }
    Statistics.label("outcome").collect("accepted");
    for (ContainerSpec spec : parsed.descriptor().containers()) {
      List<BindMount> binds = new ArrayList<>();
      for (VolumeSpec v : spec.volumes()) {
        binds.add(new BindMount("/srv/deploy/" + v.sourcePath(), v.target(), v.bindOptions()));
      }
      ContainerCreateRequest request =
          new ContainerCreateRequest(spec, spec.env(), binds, Map.of("stow.deployment", "p"));
      CreateContainerCmd cmd = CreateContainerMapper.apply(request, newCmd());
      assertThat(JSON.writeValueAsString(cmd)).contains("\"HostConfig\"");
    }
  }

  private static CreateContainerCmd newCmd() {
    return new CreateContainerCmdImpl(
        cmd -> {
          throw new AssertionError("never sent");
        },
        null,
        "unset");
  }

  @Provide
  Arbitrary<String> descriptors() {
    Arbitrary<String> container =
        Combinators.combine(
                List.of(
                    field(
                        "restartPolicy",
                        "no",
                        "always",
                        "on-failure:3",
                        "always:0",
                        "always:2",
                        "sometimes",
                        "on-failure:-1",
                        "unless-stopped",
                        "\"\""),
                    field(
                        "memory",
                        "512m",
                        "1.5g",
                        "512MiB",
                        "1t",
                        "0",
                        "4m",
                        "512Mi",
                        "1x",
                        "6291456",
                        "-1g",
                        "9999999999999t"),
                    list(
                        "publish",
                        "80",
                        "\"8080:80\"",
                        "\"127.0.0.1::80\"",
                        "\"[::1]:8080:80\"",
                        "\"::1:8081:81\"",
                        "\"8000-8010:80\"",
                        "\"9000-9001:9000-9001\"",
                        "\"53:53/udp\"",
                        "\"localhost:80:80\"",
                        "\"0\"",
                        "\"70000\"",
                        "\"80-81:90-92\"",
                        "\"80/icmp\"",
                        "\"  \""),
                    list("capAdd", "NET_ADMIN", "cap_sys_time", "ALL", "FLY", "BPF", "\"\""),
                    list("capDrop", "ALL", "mknod", "CAP_CHOWN", "NOPE"),
                    field(
                        "logging",
                        "{driver: json-file}",
                        "{driver: json-file, options: {max-size: 10m, max-file: \"3\"}}",
                        "{driver: local, options: {compress: \"false\"}}",
                        "{driver: none}",
                        "{driver: gelf}",
                        "{driver: \"x/plugin:1\"}",
                        "{driver: \"Bad Name\"}",
                        "{driver: syslog, options: {bogus: 1}}",
                        "{driver: logentries}"),
                    list(
                        "extraHosts",
                        "\"db:10.0.0.5\"",
                        "\"gw=host-gateway\"",
                        "\"v6:[::1]\"",
                        "\"bad:300.1.1.1\"",
                        "nocolon"),
                    list(
                        "tmpfs",
                        "/run",
                        "\"/run:size=64m,noexec\"",
                        "\"/x:mode=1777\"",
                        "run",
                        "/",
                        "\"/y:fast\""),
                    list(
                        "securityOpt",
                        "no-new-privileges",
                        "\"label=disable\"",
                        "\"seccomp=unconfined\"",
                        "\"seccomp=/p.json\"",
                        "\"x=y\""),
                    field("cpus", "0.5", "2", "1.000000001", "0.0000000001", "-1", "two"),
                    field("user", "nobody", "\"1000:1000\"", "\"a b\""),
                    field("stopTimeout", "10s", "1500ms", "10"),
                    field(
                        "healthcheck",
                        "{test: \"true\"}",
                        "{test: [CMD, \"true\"], interval: 1ms}",
                        "{test: [CMD]}",
                        "{disable: true}",
                        "{test: [NONE], retries: -1}"),
                    field(
                        "networks",
                        "[front]",
                        "[bridge]",
                        "[host]",
                        "[host, front]",
                        "[none, bridge]",
                        "[front, front]",
                        "[undeclared]"),
                    field("networkAliases", "[web]", "[a, b]"),
                    volumes()))
            .as(parts -> String.join("", parts));
    Arbitrary<String> name = Arbitraries.of("web", "db", "w", "a.b_c-d", "-x", "web");
    return Combinators.combine(name.list().ofMinSize(1).ofMaxSize(3), container.list().ofSize(3))
        .as(
            (names, bodies) -> {
              StringBuilder yaml =
                  new StringBuilder(
                      "deployment: {name: prop}\nnetworks: [{name: front}]\ncontainers:\n");
              for (int i = 0; i < names.size(); i++) {
                yaml.append("  - name: ")
                    .append(names.get(i))
                    .append("\n    image: ")
                    .append(IMAGE)
                    .append('\n')
                    .append(bodies.get(i));
              }
              return yaml.toString();
            });
  }

  private static Arbitrary<String> volumes() {
    Arbitrary<String> volume =
        Combinators.combine(
                Arbitraries.of(
                    "runtime",
                    "Runtime",
                    "runtime/conf",
                    "conf/app",
                    "/srv",
                    "\"\"",
                    "\"a:b\"",
                    "../x"),
                Arbitraries.of("/data", "/etc/app", "data", "/", "\"/x:y\""),
                Arbitraries.of("", ", readOnly: true", ", readOnly: \"yes\""),
                Arbitraries.of(
                    "",
                    ", selinux: z",
                    ", selinux: Z",
                    ", selinux: \"z,rslave\"",
                    ", selinux: nocopy",
                    ", selinux: rw"))
            .as((s, t, ro, se) -> "{source: " + s + ", target: " + t + ro + se + "}");
    return volume
        .list()
        .ofMaxSize(3)
        .map(l -> l.isEmpty() ? "" : "    volumes: [" + String.join(", ", l) + "]\n")
        .injectDuplicates(0.1);
  }

  private static Arbitrary<String> field(String key, String... values) {
    return Arbitraries.of(values)
        .map(v -> "    " + key + ": " + v + "\n")
        .injectNull(0.6)
        .map(v -> v == null ? "" : v);
  }

  private static Arbitrary<String> list(String key, String... values) {
    return Arbitraries.of(values)
        .list()
        .ofMaxSize(3)
        .map(l -> l.isEmpty() ? "" : "    " + key + ": [" + String.join(", ", l) + "]\n")
        .injectNull(0.5)
        .map(v -> v == null ? "" : v);
  }
}
