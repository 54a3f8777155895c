package io.stow.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DockerUnitsTest {

  @Test
  void memoryBytes_usesBinaryMultiplesLikeDocker() {
    assertThat(DockerUnits.memoryBytes("100")).isEqualTo(100);
    assertThat(DockerUnits.memoryBytes("64k")).isEqualTo(64 * 1024);
    assertThat(DockerUnits.memoryBytes("512m")).isEqualTo(512L * 1024 * 1024);
    assertThat(DockerUnits.memoryBytes("512M")).isEqualTo(512L * 1024 * 1024);
    assertThat(DockerUnits.memoryBytes("1g")).isEqualTo(1024L * 1024 * 1024);
    assertThat(DockerUnits.memoryBytes("1gb")).isEqualTo(1024L * 1024 * 1024);
    assertThat(DockerUnits.memoryBytes("1GiB")).isEqualTo(1024L * 1024 * 1024);
    assertThat(DockerUnits.memoryBytes("1.5g")).isEqualTo(1536L * 1024 * 1024);
    assertThat(DockerUnits.memoryBytes("2t")).isEqualTo(2L << 40);
  }

  @Test
  void memoryBytes_rejectsWhatIsNotASize() {
    assertThatThrownBy(() -> DockerUnits.memoryBytes("lots"))
        .hasMessageContaining("memory 'lots' is not a size");
    assertThatThrownBy(() -> DockerUnits.memoryBytes("1x")).hasMessageContaining("512m");
    assertThatThrownBy(() -> DockerUnits.memoryBytes("0m")).hasMessageContaining("more than 0");
  }

  @Test
  void nanoCpus_multipliesByOneBillion() {
    assertThat(DockerUnits.nanoCpus(new BigDecimal("0.5"))).isEqualTo(500_000_000L);
    assertThat(DockerUnits.nanoCpus(new BigDecimal("2"))).isEqualTo(2_000_000_000L);
    assertThat(DockerUnits.nanoCpus(new BigDecimal("0.000000001"))).isEqualTo(1L);
  }

  @Test
  void nanoCpus_rejectsZeroAndTooManyDecimals() {
    assertThatThrownBy(() -> DockerUnits.nanoCpus(BigDecimal.ZERO))
        .hasMessageContaining("more than 0");
    assertThatThrownBy(() -> DockerUnits.nanoCpus(new BigDecimal("0.0000000001")))
        .hasMessageContaining("too precise");
  }

  @Test
  void seconds_roundsUpPartialSeconds() {
    assertThat(DockerUnits.seconds(Duration.ofSeconds(10))).isEqualTo(10);
    assertThat(DockerUnits.seconds(Duration.ofMillis(1500))).isEqualTo(2);
    assertThat(DockerUnits.seconds(Duration.ZERO)).isZero();
  }
}
