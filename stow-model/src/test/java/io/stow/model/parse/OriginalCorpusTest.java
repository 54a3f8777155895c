package io.stow.model.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.VolumeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stow.yaml files of the original tool's README and tests (hencjo/stow v0.1.2: manifest.rs,
 * hashing.rs, state.rs), each with the original's verdict. stow must agree on every one; none of
 * them hits a case stow refuses on purpose (docs/compatibility.md lists those).
 */
class OriginalCorpusTest {

  /** File, whether the original accepts it (its own test says so), and why. */
  static Stream<Arguments> corpus() {
    return Stream.of(
        Arguments.of("01-readme-daemon-base-url.yaml", false, "no containers key"),
        Arguments.of("02-unknown-container-field.yaml", false, "unknown key in a container"),
        Arguments.of("03-suggest-image.yaml", true, "minimal"),
        Arguments.of("04-options-in-order.yaml", true, "trimmed values, blank entries"),
        Arguments.of("05-runtime-any-case.yaml", true, "RUNTIME source"),
        Arguments.of("06-runtime-prefix.yaml", true, "runtime/ source"),
        Arguments.of("07-empty-deployment-name.yaml", false, "blank deployment name"),
        Arguments.of("08-no-containers.yaml", false, "empty containers"),
        Arguments.of("09-duplicate-container-names.yaml", false, "duplicate names"),
        Arguments.of("10-empty-container-name.yaml", false, "blank container name"),
        Arguments.of("11-empty-volume-target.yaml", false, "blank volume target"),
        Arguments.of("12-blank-daemon-base-url.yaml", true, "blank daemonBaseUrl"),
        Arguments.of("13-image-update.yaml", true, "two containers"),
        Arguments.of("14-current-image.yaml", true, "unindented list"),
        Arguments.of("15-daemon-url-without-containers.yaml", false, "no containers key"),
        Arguments.of("16-hashing-golden.yaml", false, "empty containers"),
        Arguments.of("17-state-metadata.yaml", false, "no containers key"));
  }

  @ParameterizedTest(name = "{0}: original accepts = {1} ({2})")
  @MethodSource("corpus")
  void validate_agreesWithTheOriginal(String file, boolean accepted, String why)
      throws IOException {
    byte[] content = read(file);
    if (accepted) {
      assertThat(DescriptorParser.read(file, content).descriptor().containers()).isNotEmpty();
    } else {
      assertThatThrownBy(() -> DescriptorParser.read(file, content))
          .isInstanceOf(DescriptorException.class)
          .satisfies(
              e ->
                  assertThat(((DescriptorException) e).problems())
                      .allMatch(p -> p.line() > 0, "every problem has a line"));
    }
  }

  @Test
  void optionsAreTrimmedAndBlankEntriesDroppedAsTheOriginalDoes() throws IOException {
    Descriptor d = DescriptorParser.read("04.yaml", read("04-options-in-order.yaml")).descriptor();

    assertThat(d.deployment().daemonBaseUrl()).contains("https://daemon.example:17403");
    ContainerSpec api = d.containers().get(0);
    assertThat(api.name()).isEqualTo("api");
    assertThat(api.image().toString())
        .isEqualTo("registry.example/api:tag-a@sha256:" + "a".repeat(64));
    assertThat(api.restartPolicy().orElseThrow().toString()).isEqualTo("unless-stopped");
    assertThat(api.memory().orElseThrow().text()).isEqualTo("4g");
    assertThat(api.publish()).extracting(Object::toString).containsExactly("443:19091");
    assertThat(api.args()).containsExactly("--flag=1");
    assertThat(api.volumes())
        .containsExactly(
            new VolumeSpec("runtime/api", "/config", true, Optional.of("z")),
            new VolumeSpec("/var/lib/data", "/data", false, Optional.empty()),
            new VolumeSpec("certs", "/certs", false, Optional.empty()));
    assertThat(api.volumes().get(0).bindOptions().label()).contains("z");
    assertThat(api.volumes().get(0).bindOptions().readOnly()).isTrue();
  }

  @Test
  void runtimeMatchesAnyCaseButItsPrefixOnlyInLowerCase() throws IOException {
    Descriptor d = DescriptorParser.read("05.yaml", read("05-runtime-any-case.yaml")).descriptor();
    VolumeSpec upper = d.containers().get(0).volumes().get(0);

    assertThat(upper.sourceKind()).isEqualTo(VolumeSpec.SourceKind.RUNTIME);
    assertThat(upper.sourcePath()).isEmpty();
    assertThat(new VolumeSpec("Runtime/api", "/c", false, Optional.empty()).sourceKind())
        .isEqualTo(VolumeSpec.SourceKind.RELATIVE);
  }

  @Test
  void blankDaemonBaseUrlIsUnset() throws IOException {
    Descriptor d =
        DescriptorParser.read("12.yaml", read("12-blank-daemon-base-url.yaml")).descriptor();

    assertThat(d.deployment().daemonBaseUrl()).isEmpty();
  }

  private static byte[] read(String file) throws IOException {
    try (InputStream in =
        OriginalCorpusTest.class.getResourceAsStream("/io/stow/model/original/" + file)) {
      assertThat(in).as(file).isNotNull();
      return in.readAllBytes();
    }
  }
}
