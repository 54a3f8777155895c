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
            "unknown top-level key",
            head + OK_CONTAINER + "volumes: []\n",
            "volumes",
            "6:1",
            "unknown key 'volumes'"),
        Arguments.of(
            "unknown container key",
            head + OK_CONTAINER + "    ports: [80]\n",
            "containers[0].ports",
            "6:5",
            "unknown key 'ports'"),
        Arguments.of(
            "unknown volume key",
            head + OK_CONTAINER + "    volumes:\n      - {source: a, target: /a, mode: ro}\n",
            "containers[0].volumes[0].mode",
            "7:33",
            "unknown key 'mode'"),
        Arguments.of(
            "bad deployment name",
            "deployment:\n  name: My_App\ncontainers:\n" + OK_CONTAINER,
            "deployment.name",
            "2:9",
            "not a valid deployment name"),
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
            "number env value",
            head + OK_CONTAINER + "    env:\n      PORT: 8080\n",
            "containers[0].env.PORT",
            "7:13",
            "quote it"),
        Arguments.of(
            "boolean env value",
            head + OK_CONTAINER + "    env:\n      DEBUG: true\n",
            "containers[0].env.DEBUG",
            "7:14",
            "quote it"),
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
            "containers[0].networks",
            "6:15",
            "not declared"),
        Arguments.of(
            "duplicate key",
            head + OK_CONTAINER + "    image: app:2@" + DIGEST + "\n",
            "",
            "6:5",
            "duplicate key 'image'"),
        Arguments.of("syntax error", "deployment: {name: demo\n", "", "1:24", "not valid YAML"),
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
