package io.stow.model.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.model.config.DaemonConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DaemonConfigProfilesTest {

  private static final String BASE =
      "gitlabBase: https://git.example/api/v4\nproject: team/deployments\ngitlabToken: t\n";

  private static DaemonConfig parse(String yaml) {
    return DaemonConfigParser.parse(
        Path.of("/etc/stow/daemon.yaml"), yaml.getBytes(StandardCharsets.UTF_8), () -> "host");
  }

  @Test
  void composeProfiles_defaultsToNone() {
    assertThat(parse(BASE).composeProfiles()).isEmpty();
  }

  @Test
  void composeProfiles_areReadInOrderWithoutDuplicates() {
    assertThat(parse(BASE + "composeProfiles: [monitoring, debug, monitoring]\n").composeProfiles())
        .containsExactly("monitoring", "debug");
  }

  @Test
  void composeProfiles_refusesAnInvalidNameWithItsPosition() {
    try {
      parse(BASE + "composeProfiles:\n  - ok\n  - 'bad name'\n");
    } catch (DescriptorException e) {
      assertThat(e.problems()).hasSize(1);
      assertThat(e.problems().get(0).line()).isEqualTo(6);
      assertThat(e.problems().get(0).yamlPath()).isEqualTo("composeProfiles[1]");
      return;
    }
    throw new AssertionError("expected a problem");
  }
}
