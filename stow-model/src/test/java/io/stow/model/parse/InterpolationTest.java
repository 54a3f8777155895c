package io.stow.model.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterpolationTest {

  private static String interpolate(String value, Map<String, String> variables) {
    Findings findings = new Findings("compose.yaml");
    YamlNode root = YamlTreeReader.read("compose.yaml", "v: " + value + "\n", findings.errors);
    Interpolation.Result result = Interpolation.apply(root, variables, findings);
    if (!findings.errors.isEmpty()) {
      throw new IllegalArgumentException(findings.errors.get(0).message());
    }
    YamlNode.MapNode map = (YamlNode.MapNode) result.root();
    return ((YamlNode.ScalarNode) map.entries().get("v").value()).text();
  }

  @Test
  void interpolate_followsComposesOperators() {
    Map<String, String> env = Map.of("A", "a", "EMPTY", "");
    assertThat(interpolate("'x${A}y$A'", env)).isEqualTo("xaya");
    assertThat(interpolate("'${UNSET:-d}${EMPTY:-e}${EMPTY-f}${UNSET-g}'", env)).isEqualTo("deg");
    assertThat(interpolate("'${A:+set}${EMPTY:+no}${EMPTY+yes}${UNSET+no}'", env))
        .isEqualTo("setyes");
    assertThat(interpolate("'${UNSET:-${A}-nested}'", env)).isEqualTo("a-nested");
    assertThat(interpolate("'$$A costs $$5'", env)).isEqualTo("$A costs $5");
  }

  @Test
  void interpolate_failsForRequiredVariablesAndBadTemplates() {
    assertThatThrownBy(() -> interpolate("'${NEEDED:?set it}'", Map.of()))
        .hasMessage("required variable NEEDED is not set: set it");
    assertThatThrownBy(() -> interpolate("'${EMPTY:?}'", Map.of("EMPTY", "")))
        .hasMessage("required variable EMPTY is empty: set it in .env");
    assertThatThrownBy(() -> interpolate("'${A'", Map.of())).hasMessageContaining("not closed");
    assertThatThrownBy(() -> interpolate("'${A*b}'", Map.of("A", "1")))
        .hasMessageContaining("operator");
    assertThatThrownBy(() -> interpolate("'${}'", Map.of())).hasMessageContaining("variable name");
  }

  @Test
  void interpolate_remembersTheValuesPutInAndRetypesThem() {
    Findings findings = new Findings("compose.yaml");
    YamlNode root =
        YamlTreeReader.read("compose.yaml", "a: ${RO}\nb: ${N}\nc: plain\n", findings.errors);
    Interpolation.Result result =
        Interpolation.apply(root, Map.of("RO", "true", "N", "8080"), findings);
    YamlNode.MapNode map = (YamlNode.MapNode) result.root();
    YamlNode.ScalarNode a = (YamlNode.ScalarNode) map.entries().get("a").value();
    assertThat(a.type()).isEqualTo(YamlNode.ScalarType.BOOL);
    assertThat(a.substituted()).containsExactly("true");
    assertThat(a.toString()).doesNotContain("true");
    assertThat(result.substituted()).containsExactlyInAnyOrder("true", "8080");
    assertThat(findings.warnings).isEmpty();
  }

  @Test
  void interpolate_warnsAboutAnUnsetVariable() {
    Findings findings = new Findings("compose.yaml");
    YamlNode root = YamlTreeReader.read("compose.yaml", "a: x${MISSING}\n", findings.errors);
    Interpolation.apply(root, Map.of(), findings);
    assertThat(findings.warnings)
        .extracting(Problem::message)
        .containsExactly(
            "variable MISSING is not set in .env; it interpolates as an empty string (Compose"
                + " does the same)");
  }

  @Test
  void shellWords_splitsAsComposeDoes() {
    assertThat(ShellWords.split("sh -c 'echo \"a b\"' x\\ y \"q\\\"t\""))
        .isEqualTo(List.of("sh", "-c", "echo \"a b\"", "x y", "q\"t"));
    assertThat(ShellWords.split("  ")).isEmpty();
    assertThatThrownBy(() -> ShellWords.split("echo 'open")).hasMessageContaining("not closed");
  }

  @Test
  void manifestFiles_findsOneManifestAndRefusesTwo(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    assertThat(ManifestFiles.find(dir)).isEmpty();
    java.nio.file.Files.writeString(dir.resolve("docker-compose.yml"), "x");
    assertThat(ManifestFiles.find(dir)).contains("docker-compose.yml");
    java.nio.file.Files.writeString(dir.resolve("compose.yaml"), "x");
    assertThatThrownBy(() -> ManifestFiles.find(dir))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("compose.yaml and docker-compose.yml");
  }
}
