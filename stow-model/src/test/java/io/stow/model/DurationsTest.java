package io.stow.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void parse_readsEveryUnitAndCombinations() {
    assertThat(Durations.parse("20s")).isEqualTo(Duration.ofSeconds(20));
    assertThat(Durations.parse("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void parse_rejectsBareNumbersAndWords() {
    assertThatThrownBy(() -> Durations.parse("20")).hasMessageContaining("like 20s");
    assertThatThrownBy(() -> Durations.parse("10 seconds")).hasMessageContaining("like 20s");
    assertThatThrownBy(() -> Durations.parse("-5s")).hasMessageContaining("like 20s");
  }

  @Test
  void format_roundTrips() {
    for (String text : new String[] {"20s", "1m30s", "2h", "1h1m1s500ms"}) {
      assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }
  }
}
