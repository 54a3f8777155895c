package io.stow.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.fakes.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DaemonLogTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  @Test
  void underJournald_linesCarryThePriorityAndNoTimestamp() {
    DaemonLog log = DaemonLog.to(out, new MutableClock(), true);

    log.info("ready");
    log.warn("careful");
    log.error("broken");

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("<6>ready\n<4>careful\n<3>broken\n");
  }

  @Test
  void elsewhere_linesStartWithTimeAndLevel() {
    DaemonLog log = DaemonLog.to(out, new MutableClock(), false);

    log.warn("careful");

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .isEqualTo("2026-05-01T10:00:00Z warn careful\n");
  }

  @Test
  void aMessageWithLineBreaks_staysOneLine() {
    DaemonLog log = DaemonLog.to(out, new MutableClock(), true);

    log.error("first\nsecond\r\n\tthird\u2028fourth");

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("<3>first second third fourth\n");
  }
}
