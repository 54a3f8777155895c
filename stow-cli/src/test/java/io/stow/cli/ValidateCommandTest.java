package io.stow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValidateCommandTest {

  static final String DIGEST =
      "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  static final String OK_CONTAINER = "  - name: web\n    image: app:1@" + DIGEST + "\n";

  @TempDir Path dir;

  /**
   * One malformed descriptor per rule: the YAML, then the location and text the error must show.
   */
  static Stream<Arguments> malformed() {
    String head = "deployment:\n  name: demo\ncontainers:\n";
    return Stream.of(
        Arguments.of(
            "unknown container key",
            head + OK_CONTAINER + "    ports: [80]\n",
            "containers[0].ports",
            "6:5",
            "unknown key 'ports'"),
        Arguments.of(
            "missing deployment",
            "containers:\n" + OK_CONTAINER,
            "deployment",
            "1:1",
            "is required"),
        Arguments.of(
            "duplicate container names",
            head + OK_CONTAINER + OK_CONTAINER,
            "containers[1].name",
            "6:11",
            "used twice"),
        Arguments.of(
            "bad container name",
            head + "  - name: -web\n    image: app:1@" + DIGEST + "\n",
            "containers[0].name",
            "4:11",
            "not a valid container name"),
        Arguments.of(
            "image without digest",
            head + "  - name: web\n    image: app:1\n",
            "containers[0].image",
            "5:12",
            "has no digest"),
        Arguments.of(
            "image without tag",
            head + "  - name: web\n    image: localhost:5000/app@" + DIGEST + "\n",
            "containers[0].image",
            "5:12",
            "has no tag"),
        Arguments.of(
            "bad env name",
            head + OK_CONTAINER + "    env:\n      2FA: \"x\"\n",
            "containers[0].env.2FA",
            "7:12",
            "not a valid variable name"),
        Arguments.of(
            "volume escaping the snapshot",
            head
                + OK_CONTAINER
                + "    volumes:\n      - source: conf/../../etc\n        target: /etc/app\n",
            "containers[0].volumes[0].source",
            "7:17",
            "leaves the deployment folder"),
        Arguments.of(
            "relative volume target",
            head + OK_CONTAINER + "    volumes:\n      - source: /srv\n        target: data\n",
            "containers[0].volumes[0].target",
            "8:17",
            "absolute path"),
        Arguments.of(
            "bad duration",
            "deployment:\n  name: demo\n  verify:\n    timeout: 1 minute\ncontainers:\n"
                + OK_CONTAINER,
            "deployment.verify.timeout",
            "4:14",
            "not a duration"),
        Arguments.of(
            "stable longer than timeout",
            "deployment:\n  name: demo\n  verify: {timeout: 10s, stable: 20s}\ncontainers:\n"
                + OK_CONTAINER,
            "deployment.verify.stable",
            "3:34",
            "longer than the verification timeout"),
        Arguments.of(
            "reserved label",
            head + OK_CONTAINER + "    labels: {stow.hash: x}\n",
            "containers[0].labels",
            "6:13",
            "reserved prefix"),
        Arguments.of(
            "bad restart policy",
            head + OK_CONTAINER + "    restartPolicy: sometimes\n",
            "containers[0].restartPolicy",
            "6:20",
            "unless-stopped"),
        Arguments.of(
            "args and command",
            head + OK_CONTAINER + "    args: [a]\n    command: [b]\n",
            "containers[0].command",
            "7:14",
            "alias of args"),
        Arguments.of(
            "undeclared network",
            head + OK_CONTAINER + "    networks: [backend]\n",
            "containers[0].networks[0]",
            "6:16",
            "not declared"),
        Arguments.of(
            "duplicate key",
            head + OK_CONTAINER + "    image: app:2@" + DIGEST + "\n",
            "",
            "6:5",
            "duplicate key 'image'"),
        Arguments.of(
            "unknown capability",
            head + OK_CONTAINER + "    capAdd: [NET_ADMIN, FLY]\n",
            "containers[0].capAdd[1]",
            "6:25",
            "capability 'FLY' is unknown"),
        Arguments.of(
            "memory below Docker's minimum",
            head + OK_CONTAINER + "    memory: 4m\n",
            "containers[0].memory",
            "6:13",
            "below Docker's minimum of 6 MiB"),
        Arguments.of(
            "memory in a unit Docker does not read",
            head + OK_CONTAINER + "    memory: 512Mi\n",
            "containers[0].memory",
            "6:13",
            "is not a size"),
        Arguments.of(
            "publish on a host name",
            head + OK_CONTAINER + "    publish: [\"localhost:80:80\"]\n",
            "containers[0].publish[0]",
            "6:15",
            "not an IP address"),
        Arguments.of(
            "publish ranges of different lengths",
            head + OK_CONTAINER + "    publish: [\"8000-8002:80-81\"]\n",
            "containers[0].publish[0]",
            "6:15",
            "differ in length"),
        Arguments.of(
            "unknown log driver option",
            head + OK_CONTAINER + "    logging: {driver: json-file, options: {max-sise: 10m}}\n",
            "containers[0].logging.driver",
            "6:23",
            "not an option of the json-file driver"),
        Arguments.of(
            "log driver that is no name",
            head + OK_CONTAINER + "    logging: {driver: \"Json File\"}\n",
            "containers[0].logging.driver",
            "6:23",
            "neither a driver Docker ships"),
        Arguments.of(
            "aliases on the default bridge",
            head + OK_CONTAINER + "    networks: [bridge]\n    networkAliases: [web]\n",
            "containers[0].networkAliases",
            "7:21",
            "user-defined networks only"),
        Arguments.of(
            "host network with another",
            "deployment: {name: demo}\nnetworks: [{name: back}]\ncontainers:\n"
                + OK_CONTAINER
                + "    networks: [host, back]\n",
            "containers[0].networks",
            "6:15",
            "cannot be combined"),
        Arguments.of(
            "extra host with a bad address",
            head + OK_CONTAINER + "    extraHosts: [\"db:10.0.0.300\"]\n",
            "containers[0].extraHosts[0]",
            "6:18",
            "not an IP address"),
        Arguments.of(
            "tmpfs option Docker refuses",
            head + OK_CONTAINER + "    tmpfs: [\"/run:size=64m,fast\"]\n",
            "containers[0].tmpfs[0]",
            "6:13",
            "'fast' is not a tmpfs option"),
        Arguments.of(
            "retry count without on-failure",
            head + OK_CONTAINER + "    restartPolicy: always:3\n",
            "containers[0].restartPolicy",
            "6:20",
            "only be used with on-failure"),
        Arguments.of(
            "security option Docker refuses",
            head + OK_CONTAINER + "    securityOpt: [\"no-new-privileges=maybe\"]\n",
            "containers[0].securityOpt[0]",
            "6:19",
            "takes true or false"),
        Arguments.of(
            "cpus too precise",
            head + OK_CONTAINER + "    cpus: 0.0000000001\n",
            "containers[0].cpus",
            "6:11",
            "at most nine decimals"),
        Arguments.of(
            "user with a space",
            head + OK_CONTAINER + "    user: \"www data\"\n",
            "containers[0].user",
            "6:11",
            "is not a user"),
        Arguments.of(
            "healthcheck CMD without a command",
            head + OK_CONTAINER + "    healthcheck: {test: [CMD]}\n",
            "containers[0].healthcheck.test",
            "6:25",
            "CMD takes the command"),
        Arguments.of(
            "bind option Docker refuses",
            head
                + OK_CONTAINER
                + "    volumes:\n      - {source: /srv, target: /srv, selinux: nocopy}\n",
            "containers[0].volumes[0].selinux",
            "7:47",
            "'nocopy' is not a bind mount option"),
        Arguments.of(
            "one-character container name",
            head + "  - name: w\n    image: app:1@" + DIGEST + "\n",
            "containers[0].name",
            "4:11",
            "not a valid container name"),
        Arguments.of(
            "empty volume source",
            head + OK_CONTAINER + "    volumes:\n      - {source: \"\", target: /srv}\n",
            "containers[0].volumes[0].source",
            "7:18",
            "must not be empty"),
        Arguments.of(
            "quoted boolean",
            head + OK_CONTAINER + "    init: \"true\"\n",
            "containers[0].init",
            "6:11",
            "must be true or false"),
        Arguments.of("syntax error", "deployment: {name: demo\n", "", "2:1", "not valid YAML"),
        Arguments.of("alias bomb", aliasBomb(), "", "6:8", "alias bomb"),
        Arguments.of(
            "deep nesting",
            head + OK_CONTAINER + "    labels: " + "[".repeat(80) + "]".repeat(80) + "\n",
            "",
            "6:",
            "nesting is deeper"));
  }

  private static String aliasBomb() {
    StringBuilder yaml = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'i'; c++) {
      char prev = (char) (c - 1);
      yaml.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        yaml.append(i == 0 ? "" : ", ").append('*').append(prev);
      }
      yaml.append("]\n");
    }
    return yaml.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void validate_reportsPathAndPosition(
      String rule, String yaml, String yamlPath, String position, String text) throws IOException {
    Files.writeString(dir.resolve("stow.yaml"), yaml, StandardCharsets.UTF_8);

    CliRun run = CliRun.of("validate", dir.toString());

    assertThat(run.status()).as(rule).isEqualTo(1);
    String expectedPrefix = dir.resolve("stow.yaml") + ":" + position;
    assertThat(run.err())
        .as(rule)
        .contains(expectedPrefix)
        .contains(yamlPath.isEmpty() ? "" : ": " + yamlPath + ": ")
        .contains(text)
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void validate_printsWarningsForKeysTheOriginalIgnoresAndPasses() throws IOException {
    Files.writeString(
        dir.resolve("stow.yaml"),
        "deployment:\n  name: demo\n  owner: ops\ncontainers:\n"
            + OK_CONTAINER
            + "    volumes:\n      - {source: /srv, target: /srv, readonly: true}\nextra: 1\n",
        StandardCharsets.UTF_8);

    CliRun run = CliRun.of("validate", dir.toString());

    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).contains("is valid");
    String file = dir.resolve("stow.yaml").toString();
    assertThat(run.err())
        .contains("warning: " + file + ":3:3: deployment.owner: unknown key 'owner' is ignored")
        .contains(
            "warning: "
                + file
                + ":8:38: containers[0].volumes[0].readonly: unknown key 'readonly' is ignored;"
                + " did you mean 'readOnly'?")
        .contains("warning: " + file + ":9:1: extra: unknown key 'extra' is ignored");
  }

  @Test
  void validate_refusesASymlinkedStowYamlWithoutEchoingIt() throws IOException {
    Path outside = Files.createTempFile("stow-secret", ".txt");
    Files.writeString(outside, "root:s3cr3t-hash:19000:0:99999:7:::\n");
    Files.createSymbolicLink(dir.resolve("stow.yaml"), outside);

    CliRun run = CliRun.of("validate", dir.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("is a symbolic link")
        .doesNotContain("s3cr3t")
        .doesNotContain("root");
    Files.delete(outside);
  }

  @Test
  void validate_refusesSymlinksInTheFolderAsTheReconcileDoes() throws IOException {
    Files.writeString(
        dir.resolve("stow.yaml"),
        "deployment:\n  name: demo\ncontainers:\n"
            + OK_CONTAINER
            + "    envFiles: [web.env]\n    volumes:\n      - {source: conf/app.conf, target: /a}\n",
        StandardCharsets.UTF_8);
    Path outside = Files.createTempDirectory("stow-outside");
    Files.writeString(outside.resolve("app.conf"), "x=1\n");
    Files.writeString(outside.resolve("web.env"), "X=1\n");
    Files.createSymbolicLink(dir.resolve("conf"), outside);
    Files.createSymbolicLink(dir.resolve("web.env"), outside.resolve("web.env"));

    CliRun run = CliRun.of("validate", dir.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("conf is a symbolic link")
        .contains("envFiles[0] 'web.env' goes through the symbolic link web.env")
        .contains("volume source 'conf/app.conf' goes through the symbolic link conf");
  }

  @Test
  void validate_acceptsARelativeSourceWhenTheFolderIsDot() throws IOException {
    Files.createDirectories(dir.resolve("conf"));
    Files.writeString(dir.resolve("conf/app.conf"), "x=1\n");
    Files.writeString(
        dir.resolve("stow.yaml"),
        "deployment:\n  name: demo\ncontainers:\n"
            + OK_CONTAINER
            + "    volumes:\n      - {source: conf/app.conf, target: /a}\n",
        StandardCharsets.UTF_8);

    Path relative = Path.of("").toAbsolutePath().relativize(dir.toAbsolutePath());
    CliRun run = CliRun.of("validate", relative.resolve(".").toString());

    assertThat(run.status()).as(run.err()).isZero();
  }

  @Test
  void validate_namesTheRealReasonWhenStowYamlCannotBeRead() throws IOException {
    Files.createDirectories(dir.resolve("stow.yaml"));

    CliRun run = CliRun.of("validate", dir.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("cannot read: ").contains("directory");
  }

  @Test
  void validate_saysPermissionDeniedWithOwnerAndMode() throws Exception {
    Path file = dir.resolve("stow.yaml");
    Files.writeString(file, "deployment: {name: demo}\n");
    Files.setPosixFilePermissions(file, java.util.Set.of());

    String err = validateInAnotherProcessThatCannotOverridePermissions(dir);

    assertThat(err).contains("permission denied: owned by ").contains("with mode 0000 (---------)");
  }

  /**
   * Runs {@code stow validate DIR} in a JVM that file permissions apply to: as root (as in CI), one
   * without the capabilities that let root read any file.
   */
  private static String validateInAnotherProcessThatCannotOverridePermissions(Path dir)
      throws Exception {
    java.util.List<String> command = new java.util.ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(
          java.util.List.of("setpriv", "--bounding-set", "-dac_override,-dac_read_search"));
    }
    command.addAll(
        java.util.List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "validate",
            dir.toString()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out =
        new String(
            process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(out).isEqualTo(1);
    return out;
  }

  @Test
  void validate_neverQuotesTheContentOfAFileThatFailedToParse() throws IOException {
    Files.writeString(dir.resolve("stow.yaml"), "token: 'hunter2-s3cret\nother: [hunter3-s3cret\n");

    CliRun run = CliRun.of("validate", dir.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("not valid YAML").doesNotContain("hunter");
  }

  @Test
  void validate_refusesA20MegabyteFile() throws IOException {
    byte[] big = new byte[20 * 1024 * 1024];
    java.util.Arrays.fill(big, (byte) 'a');
    Files.write(dir.resolve("stow.yaml"), big);

    CliRun run = CliRun.of("validate", dir.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("stow.yaml")
        .contains("larger than 1024 KiB")
        .doesNotContain("\tat ");
  }

  @Test
  void validate_refusesNonUtf8() throws IOException {
    Files.write(dir.resolve("stow.yaml"), new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
    CliRun run = CliRun.of("validate", dir.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("is not UTF-8");
  }

  @Test
  void validate_reportsAMissingStowYaml() {
    CliRun run = CliRun.of("validate", dir.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("stow.yaml").contains("no such file");
  }

  @Test
  void validate_acceptsTheBundledExamples() {
    for (String example : new String[] {"original", "full"}) {
      CliRun run = CliRun.of("validate", Path.of("..", "examples", example).toString());
      assertThat(run.status()).as(run.err()).isZero();
      assertThat(run.out()).contains("is valid");
    }
  }

  @Test
  void validate_withoutDirectoryIsAUsageError() {
    CliRun run = CliRun.of("validate");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("missing DIR").contains("usage: stow validate");
  }

  @Test
  void validate_reportsFilesTheDescriptorNamesButTheFolderLacks() throws IOException {
    Files.writeString(
        dir.resolve("stow.yaml"),
        "deployment:\n  name: demo\ncontainers:\n"
            + OK_CONTAINER
            + "    envFiles: [web.env]\n    volumes:\n      - {source: conf/app.conf, target: /app.conf}\n",
        StandardCharsets.UTF_8);

    CliRun run = CliRun.of("validate", dir.toString());

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("envFiles[0] 'web.env' does not exist in the deployment folder")
        .contains("volume source 'conf/app.conf' does not exist in the deployment folder");
    assertThat(run.out()).isEmpty();
  }
}
