package io.stow.engine.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.engine.TestDescriptors;
import io.stow.model.ContainerSpec;
import io.stow.model.HealthcheckSpec;
import io.stow.model.VolumeSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedactedDescriptorTest {

  @Test
  void of_replacesEveryEnvValueButKeepsTheNames() {
    ContainerSpec web =
        ContainerSpec.builder("web", TestDescriptors.WEB_V1)
            .env("PASSWORD", "secret-1")
            .env("TOKEN", "secret-2")
            .label("team", "ops")
            .volume(new VolumeSpec("runtime/conf", "/conf", true, Optional.empty()))
            .healthcheck(
                new HealthcheckSpec(
                    List.of("CMD", "true"),
                    Optional.of(Duration.ofSeconds(5)),
                    Optional.empty(),
                    Optional.of(3),
                    Optional.empty(),
                    false))
            .build();

    RedactedDescriptor redacted = RedactedDescriptor.of(TestDescriptors.descriptor("demo", web));
    String yaml = redacted.toYaml();

    assertThat(yaml).doesNotContain("secret-1", "secret-2");
    assertThat(yaml)
        .contains("PASSWORD: <redacted>", "TOKEN: <redacted>", "team: ops", "interval: 5s")
        .contains("timeout: 1m", "stable: 20s");
    @SuppressWarnings("unchecked")
    Map<String, Object> container =
        (Map<String, Object>) ((List<Object>) redacted.tree().get("containers")).get(0);
    assertThat(container).containsEntry("image", TestDescriptors.WEB_V1.toString());
    assertThat(redacted.toString()).doesNotContain("secret-1");
  }

  /**
   * One instance serves several reports (a no-op report reuses the running deployment's), so what
   * {@code tree()} hands out must not let one caller change what the next one reads.
   */
  @Test
  @SuppressWarnings("unchecked")
  void tree_cannotBeChangedByACaller_atAnyDepth() {
    ContainerSpec web =
        ContainerSpec.builder("web", TestDescriptors.WEB_V1)
            .env("PASSWORD", "secret-1")
            .label("team", "ops")
            .args(List.of("serve", "--port", "80"))
            .build();
    RedactedDescriptor redacted = RedactedDescriptor.of(TestDescriptors.descriptor("demo", web));
    Map<String, Object> before =
        RedactedDescriptor.of(TestDescriptors.descriptor("demo", web)).tree();
    String yaml = redacted.toYaml();

    Map<String, Object> tree = redacted.tree();
    List<Object> containers = (List<Object>) tree.get("containers");
    Map<String, Object> container = (Map<String, Object>) containers.get(0);
    Map<String, Object> env = (Map<String, Object>) container.get("env");
    List<Object> args = (List<Object>) container.get("args");
    Map<String, Object> deployment = (Map<String, Object>) tree.get("deployment");

    assertThatThrownBy(() -> tree.put("containers", List.of()))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> deployment.put("name", "other"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(containers::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> container.put("image", "evil:latest"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> env.put("PASSWORD", "secret-1"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> args.set(0, "debug"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(redacted.tree()).isEqualTo(before);
    assertThat(redacted.toYaml()).isEqualTo(yaml).doesNotContain("secret-1", "evil", "debug");
  }
}
