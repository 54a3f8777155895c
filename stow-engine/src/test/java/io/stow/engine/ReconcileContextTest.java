package io.stow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconcileContextTest {

  @Test
  void build_reportsEveryMissingFieldInOneMessage() {
    assertThatThrownBy(() -> ReconcileContext.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing docker, stateRoot;");
  }

  @Test
  void build_reportsInvalidValuesTogetherWithMissingFields() {
    assertThatThrownBy(
            () ->
                ReconcileContext.builder()
                    .stateRoot(Path.of("/tmp/x"))
                    .snapshotsToKeep(-1)
                    .verifyPollInterval(Duration.ZERO)
                    .build())
        .hasMessageContaining("missing docker;")
        .hasMessageContaining("snapshotsToKeep must not be negative")
        .hasMessageContaining("verifyPollInterval must be positive");
  }

  @Test
  void build_appliesDefaults() {
    FakeClock clock = new FakeClock();
    ReconcileContext context =
        ReconcileContext.builder()
            .docker(new FakeDockerHost(clock))
            .stateRoot(Path.of("state"))
            .build();

    assertThat(context.stateRoot()).isAbsolute();
    assertThat(context.secretDecryptor()).isEmpty();
    assertThat(context.snapshotsToKeep()).isEqualTo(5);
    assertThat(context.logTailLines()).isEqualTo(50);
    assertThat(context.verifyPollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(context.toString()).contains("sops=not configured");
  }
}
