package io.stow.model.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.model.ContainerSpec;
import io.stow.model.Dependency;
import io.stow.model.Descriptor;
import io.stow.model.ExposedPort;
import io.stow.model.HealthcheckSpec;
import io.stow.model.NetworkEndpoint;
import io.stow.model.NetworkSpec;
import io.stow.model.PublishSpec;
import io.stow.model.RestartPolicy;
import io.stow.model.TmpfsMount;
import io.stow.model.Ulimit;
import io.stow.model.VolumeMount;
import io.stow.model.VolumeSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComposeParserTest {

  static final String HEX = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  static final String IMAGE = "registry.example.com/app:1.0@sha256:" + HEX;

  static ParsedDescriptor read(String yaml, Map<String, String> env, Set<String> profiles) {
    return ComposeParser.read(
        "compose.yaml",
        yaml.getBytes(StandardCharsets.UTF_8),
        env,
        new ComposeParser.Options("myapp", profiles));
  }

  static Descriptor parse(String yaml) {
    return read(yaml, Map.of(), Set.of()).descriptor();
  }

  static List<Problem> problems(String yaml, Map<String, String> env) {
    try {
      read(yaml, env, Set.of());
    } catch (DescriptorException e) {
      return e.problems();
    }
    throw new AssertionError("expected the Compose file to be invalid");
  }

  static List<Problem> problems(String yaml) {
    return problems(yaml, Map.of());
  }

  @Test
  void parse_mapsAWebAppWithADatabaseOntoTheModel() {
    Descriptor d =
        parse(
            """
            services:
              web:
                image: %s
                ports:
                  - "127.0.0.1:8080:80"
                  - target: 53
                    published: "5353"
                    protocol: udp
                environment:
                  DB_HOST: db
                  DEBUG: true
                depends_on:
                  db:
                    condition: service_healthy
                restart: unless-stopped
              db:
                image: %s
                volumes:
                  - db-data:/var/lib/postgresql/data
                healthcheck:
                  test: ["CMD-SHELL", "pg_isready"]
                  interval: 1.5s
                  start_period: 10s
            volumes:
              db-data: {}
            """
                .formatted(IMAGE, IMAGE));

    assertThat(d.deployment().name()).isEqualTo("myapp");
    assertThat(d.containers())
        .extracting(ContainerSpec::name)
        .containsExactly("myapp-web-1", "myapp-db-1");
    ContainerSpec web = d.containers().get(0);
    assertThat(web.publish())
        .containsExactly(PublishSpec.parse("127.0.0.1:8080:80"), PublishSpec.parse("5353:53/udp"));
    assertThat(web.env()).containsEntry("DB_HOST", "db").containsEntry("DEBUG", "true");
    assertThat(web.dependsOn())
        .containsExactly(new Dependency("myapp-db-1", Dependency.Condition.HEALTHY));
    assertThat(web.restartPolicy()).contains(RestartPolicy.parse("unless-stopped"));
    assertThat(web.networks()).containsExactly("myapp_default");
    assertThat(web.endpoint("myapp_default").aliases()).containsExactly("web");
    assertThat(web.labels())
        .containsEntry("com.docker.compose.project", "myapp")
        .containsEntry("com.docker.compose.service", "web")
        .containsEntry("com.docker.compose.oneoff", "False");
    ContainerSpec db = d.containers().get(1);
    assertThat(db.volumeMounts())
        .containsExactly(
            new VolumeMount(
                Optional.of("myapp_db-data"), "/var/lib/postgresql/data", false, false));
    HealthcheckSpec health = db.healthcheck().orElseThrow();
    assertThat(health.interval()).contains(Duration.ofMillis(1500));
    assertThat(health.startPeriod()).contains(Duration.ofSeconds(10));
    assertThat(d.volumes()).extracting(v -> v.name()).containsExactly("myapp_db-data");
    assertThat(d.networks()).extracting(NetworkSpec::name).containsExactly("myapp_default");
    assertThat(d.networks().get(0).labels())
        .containsEntry("com.docker.compose.project", "myapp")
        .containsEntry("com.docker.compose.network", "default");
    assertThat(d.volumes().get(0).labels()).containsEntry("com.docker.compose.volume", "db-data");
  }

  @Test
  void parse_readsEverySupportedServiceKey() {
    Descriptor d =
        parse(
            """
            name: full
            version: "3.9"
            x-common: &common
              restart: on-failure:3
            services:
              app:
                <<: *common
                build:
                  context: ./app
                  dockerfile: docker/Dockerfile
                  args:
                    VERSION: "2"
                  target: prod
                container_name: the-app
                command: sh -c 'echo "hi there"'
                entrypoint: ["/init"]
                env_file: [app.env]
                working_dir: /srv
                user: "1000:1000"
                expose: ["3000", 4000/udp]
                hostname: app.local
                platform: linux/amd64
                stdin_open: true
                tty: true
                stop_signal: SIGQUIT
                stop_grace_period: 1m30s
                sysctls:
                  net.core.somaxconn: 1024
                ulimits:
                  nproc: 65535
                  nofile: {soft: 20000, hard: 40000}
                dns: 8.8.8.8
                cap_add: [net_admin]
                cap_drop: [ALL]
                security_opt: [no-new-privileges:true]
                extra_hosts: ["gw:host-gateway"]
                read_only: true
                init: true
                tmpfs: /run
                mem_limit: 512m
                cpus: 0.5
                labels: [com.example.role=app]
                logging:
                  driver: json-file
                  options: {max-size: 10m}
                networks:
                  back:
                    aliases: [api]
                    ipv4_address: 172.28.0.10
                volumes:
                  - ./conf/app.conf:/etc/app.conf:ro
                  - /var/log/app:/logs:z
                  - type: tmpfs
                    target: /cache
                    tmpfs: {size: 64m}
                  - /scratch
                secrets: [token, {source: token, target: api-token}]
                x-note: anything
            networks:
              back:
                ipam:
                  config:
                    - subnet: 172.28.0.0/16
            secrets:
              token:
                file: ./secrets/token.txt
            """);

    ContainerSpec app = d.containers().get(0);
    assertThat(app.name()).isEqualTo("the-app");
    assertThat(app.build().orElseThrow().context()).isEqualTo("./app");
    assertThat(app.build().orElseThrow().dockerfile()).isEqualTo("docker/Dockerfile");
    assertThat(app.build().orElseThrow().args()).containsEntry("VERSION", "2");
    assertThat(app.build().orElseThrow().target()).contains("prod");
    assertThat(app.image().repository()).isEqualTo("stow/full-app");
    assertThat(app.restartPolicy()).contains(RestartPolicy.parse("on-failure:3"));
    assertThat(app.args()).containsExactly("sh", "-c", "echo \"hi there\"");
    assertThat(app.entrypoint()).contains(List.of("/init"));
    assertThat(app.envFiles()).containsExactly("./app.env");
    assertThat(app.workingDir()).contains("/srv");
    assertThat(app.user()).contains("1000:1000");
    assertThat(app.runtime().expose())
        .containsExactly(ExposedPort.parse("3000"), ExposedPort.parse("4000/udp"));
    assertThat(app.runtime().hostname()).contains("app.local");
    assertThat(app.runtime().platform()).contains("linux/amd64");
    assertThat(app.runtime().tty()).isTrue();
    assertThat(app.runtime().stdinOpen()).isTrue();
    assertThat(app.runtime().stopSignal()).contains("SIGQUIT");
    assertThat(app.stopTimeout()).contains(Duration.ofSeconds(90));
    assertThat(app.runtime().sysctls()).containsEntry("net.core.somaxconn", "1024");
    assertThat(app.runtime().ulimits())
        .containsExactly(new Ulimit("nproc", 65535, 65535), new Ulimit("nofile", 20000, 40000));
    assertThat(app.runtime().dns()).containsExactly("8.8.8.8");
    assertThat(app.capAdd()).containsExactly("NET_ADMIN");
    assertThat(app.capDrop()).containsExactly("ALL");
    assertThat(app.securityOpt()).containsExactly("no-new-privileges:true");
    assertThat(app.extraHosts()).hasSize(1);
    assertThat(app.readOnlyRootfs()).isTrue();
    assertThat(app.init()).contains(true);
    assertThat(app.memory().orElseThrow().bytes()).isEqualTo(512L * 1024 * 1024);
    assertThat(app.cpus().orElseThrow()).isEqualByComparingTo("0.5");
    assertThat(app.labels()).containsEntry("com.example.role", "app");
    assertThat(app.logging().orElseThrow().options()).containsEntry("max-size", "10m");
    assertThat(app.networks()).containsExactly("full_back");
    assertThat(app.endpoint("full_back"))
        .isEqualTo(
            new NetworkEndpoint(
                List.of("app", "api"), Optional.of("172.28.0.10"), Optional.empty()));
    assertThat(app.volumes())
        .containsExactly(
            new VolumeSpec("./conf/app.conf", "/etc/app.conf", true, Optional.empty()),
            new VolumeSpec("/var/log/app", "/logs", false, Optional.of("z")),
            new VolumeSpec("./secrets/token.txt", "/run/secrets/token", true, Optional.empty()),
            new VolumeSpec(
                "./secrets/token.txt", "/run/secrets/api-token", true, Optional.empty()));
    assertThat(app.tmpfs())
        .containsExactly(TmpfsMount.parse("/cache:size=64m"), TmpfsMount.parse("/run"));
    assertThat(app.volumeMounts())
        .containsExactly(new VolumeMount(Optional.empty(), "/scratch", false, false));
    assertThat(d.networks()).hasSize(1);
    assertThat(d.networks().get(0).ipam()).hasSize(1);
  }

  @Test
  void parse_refusesUnsupportedKeysWithTheirPosition() {
    List<Problem> problems =
        problems(
            """
            services:
              web:
                image: %s
                privileged: true
                runtime: nvidia
                deploy:
                  replicas: 2
                  resources:
                    limits: {memory: 1g, pids: 10}
                frobnicate: 1
            configs:
              app: {file: ./x}
            """
                .formatted(IMAGE));

    assertThat(problems)
        .extracting(p -> p.line() + ":" + p.column() + " " + p.yamlPath())
        .containsExactly(
            "4:5 services.web.privileged",
            "5:5 services.web.runtime",
            "7:7 services.web.deploy.replicas",
            "9:30 services.web.deploy.resources.limits.pids",
            "10:5 services.web.frobnicate",
            "11:1 configs");
    assertThat(problems.get(0).message()).contains("not supported by stow", "cap_add");
    assertThat(problems.get(1).message()).contains("runtime");
    assertThat(problems.get(2).message()).contains("Swarm");
    assertThat(problems.get(4).message()).contains("unknown key 'frobnicate'");
  }

  @Test
  void parse_refusesAnUnpinnedImageWithoutBuild() {
    List<Problem> problems = problems("services:\n  web:\n    image: nginx:1.25\n");

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).line()).isEqualTo(3);
    assertThat(problems.get(0).column()).isEqualTo(12);
    assertThat(problems.get(0).message()).contains("no digest", "stow pin");
  }

  @Test
  void parse_refusesABuildContextOutsideTheFolder() {
    List<Problem> problems = problems("services:\n  web:\n    build: ../elsewhere\n");

    assertThat(problems)
        .extracting(Problem::line, Problem::column)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(3, 12));
    assertThat(problems.get(0).message()).contains("leaves the deployment folder");
  }

  @Test
  void parse_interpolatesFromDotenvAsComposeDoes() {
    Descriptor d =
        read(
                """
                services:
                  web:
                    image: ${IMAGE}
                    ports: ["${HOST_PORT:-8080}:80"]
                    environment:
                      A: ${UNSET-fallback}
                      B: ${EMPTY:-empty-default}
                      C: ${EMPTY-kept-empty}
                      D: $$literal
                      E: ${TOKEN:+set}
                      TOKEN: $TOKEN
                    read_only: ${RO}
                """,
                Map.of("IMAGE", IMAGE, "EMPTY", "", "TOKEN", "s3cr3t-value", "RO", "true"),
                Set.of())
            .descriptor();

    ContainerSpec web = d.containers().get(0);
    assertThat(web.image().toString()).isEqualTo(IMAGE);
    assertThat(web.publish()).containsExactly(PublishSpec.parse("8080:80"));
    assertThat(web.env())
        .containsEntry("A", "fallback")
        .containsEntry("B", "empty-default")
        .containsEntry("C", "")
        .containsEntry("D", "$literal")
        .containsEntry("E", "set")
        .containsEntry("TOKEN", "s3cr3t-value");
    assertThat(web.readOnlyRootfs()).isTrue();
    assertThat(d.redactions()).contains("s3cr3t-value", IMAGE);
  }

  @Test
  void parse_neverShowsAnInterpolatedValueInAProblem() {
    List<Problem> problems =
        problems(
            "services:\n  web:\n    image: " + IMAGE + "\n    ports: [\"${SECRET_PORT}:80\"]\n",
            Map.of("SECRET_PORT", "hunter2-secret"));

    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).line()).isEqualTo(4);
    assertThat(problems.get(0).toString()).doesNotContain("hunter2");
    assertThat(problems.get(0).message()).contains("not shown");
  }

  @Test
  void parse_reportsARequiredVariableAndABadTemplateAtTheirValues() {
    List<Problem> problems =
        problems(
            "services:\n  web:\n    image: ${IMAGE:?set IMAGE in .env}\n    command: echo $ 1\n");

    assertThat(problems)
        .extracting(Problem::line, Problem::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                3, "required variable IMAGE is not set: set IMAGE in .env"),
            org.assertj.core.groups.Tuple.tuple(
                4,
                "invalid interpolation: '$' must start a variable ($NAME or ${NAME}); write $$ for a '$'"));
  }

  @Test
  void parse_skipsServicesOfProfilesThatAreNotActive() {
    String yaml =
        """
        services:
          web:
            image: %s
          debug:
            image: %s
            profiles: [debug]
        """
            .formatted(IMAGE, IMAGE);

    assertThat(read(yaml, Map.of(), Set.of()).descriptor().containers())
        .extracting(ContainerSpec::name)
        .containsExactly("myapp-web-1");
    assertThat(read(yaml, Map.of(), Set.of("debug")).descriptor().containers())
        .extracting(ContainerSpec::name)
        .containsExactly("myapp-web-1", "myapp-debug-1");
    assertThat(read(yaml, Map.of("COMPOSE_PROFILES", "debug"), Set.of()).descriptor().containers())
        .hasSize(2);
  }

  @Test
  void parse_takesTheProjectNameFromNameThenTheFolder() {
    assertThat(
            parse("name: shop\nservices:\n  web:\n    image: " + IMAGE + "\n").deployment().name())
        .isEqualTo("shop");
    ParsedDescriptor fromFolder =
        ComposeParser.read(
            "compose.yaml",
            ("services:\n  web:\n    image: " + IMAGE + "\n").getBytes(StandardCharsets.UTF_8),
            Map.of(),
            new ComposeParser.Options("My.Host_01", Set.of()));
    assertThat(fromFolder.descriptor().deployment().name()).isEqualTo("myhost_01");
    assertThat(fromFolder.descriptor().containers().get(0).name()).isEqualTo("myhost_01-web-1");
  }

  @Test
  void parse_refusesDependencyCyclesAndUndeclaredResources() {
    List<Problem> problems =
        problems(
            """
            services:
              a:
                image: %s
                depends_on: [b]
                volumes: [data:/data]
                networks: [front]
              b:
                image: %s
                depends_on: [a, missing]
                secrets: [nope]
            """
                .formatted(IMAGE, IMAGE));

    assertThat(problems)
        .extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("volume 'data' is not declared"))
        .anySatisfy(m -> assertThat(m).contains("network 'front' is not declared"))
        .anySatisfy(m -> assertThat(m).contains("service 'missing' is not declared"))
        .anySatisfy(m -> assertThat(m).contains("secret 'nope' is not declared"));
  }

  @Test
  void parse_refusesACycle() {
    List<Problem> problems =
        problems(
            "services:\n  a:\n    image: %s\n    depends_on: [b]\n  b:\n    image: %s\n    depends_on: [a]\n"
                .formatted(IMAGE, IMAGE));
    assertThat(problems)
        .extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("cycle"));
  }

  @Test
  void parse_keepsStowSettingsInXStow() {
    Descriptor d =
        parse(
            """
            x-stow:
              daemonBaseUrl: https://host.example.com:17403/
              verify: {timeout: 30s, stable: 5s}
            services:
              web:
                image: %s
            """
                .formatted(IMAGE));
    assertThat(d.deployment().daemonBaseUrl()).contains("https://host.example.com:17403/");
    assertThat(d.deployment().verify().stable()).isEqualTo(Duration.ofSeconds(5));
  }
}
