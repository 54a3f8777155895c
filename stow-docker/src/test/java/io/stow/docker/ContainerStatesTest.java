package io.stow.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContainerStatesTest {

  @Test
  void name_dropsDockersLeadingSlash() {
    assertThat(ContainerStates.name("/web")).isEqualTo("web");
    assertThat(ContainerStates.name("web")).isEqualTo("web");
  }

  @Test
  void instant_treatsDockersZeroTimeAsNeverStarted() {
    assertThat(ContainerStates.instant("0001-01-01T00:00:00Z")).isEmpty();
    assertThat(ContainerStates.instant("")).isEmpty();
    assertThat(ContainerStates.instant("2026-01-02T03:04:05.123456789Z"))
        .contains(Instant.parse("2026-01-02T03:04:05.123456789Z"));
  }
}
