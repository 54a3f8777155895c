package io.stow.engine.render;

import static org.assertj.core.api.Assertions.assertThat;

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
}
