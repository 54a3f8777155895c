package io.stow.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DockerUnitsTest {

  @Test
  void seconds_roundsUpPartialSeconds() {
    assertThat(DockerUnits.seconds(Duration.ofSeconds(10))).isEqualTo(10);
    assertThat(DockerUnits.seconds(Duration.ofMillis(1500))).isEqualTo(2);
    assertThat(DockerUnits.seconds(Duration.ZERO)).isZero();
  }
}
