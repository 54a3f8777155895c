package io.stow.daemon.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.fakes.FakeHostActions;
import io.stow.daemon.fakes.ManualExecutor;
import io.stow.daemon.fakes.MutableClock;
import io.stow.daemon.fakes.RecordingLog;
import io.stow.engine.HostStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class HostStatusCacheTest {

  private final MutableClock clock = new MutableClock();
  private final RecordingLog log = new RecordingLog();
  private final FakeHostActions host = new FakeHostActions().running("a".repeat(40));
  private final ManualExecutor refresher = new ManualExecutor();
  private final HostStatusCache cache =
      new HostStatusCache(host::status, clock, Duration.ofSeconds(1), refresher, log.log());

  @Test
  void readersGetTheLastReading_andAnOldOneStartsOneBackgroundRefresh() {
    cache.refreshNow();
    for (int i = 0; i < 100; i++) {
      cache.current();
    }
    assertThat(host.count("status")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 100; i++) {
      assertThat(cache.current().readAt()).isEqualTo(clock.instant().minusSeconds(1));
    }
    assertThat(refresher.pending()).isEqualTo(1);
    refresher.runAll();

    assertThat(host.count("status")).isEqualTo(2);
    assertThat(cache.current().readAt()).isEqualTo(clock.instant());
  }

  @Test
  void whenDockerFails_theLastGoodReadingStays_withTheError_andTheLogSaysItOnce() {
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    HostStatusCache failing =
        new HostStatusCache(
            () -> {
              if (failure.get() != null) {
                throw failure.get();
              }
              return host.status();
            },
            clock,
            Duration.ofSeconds(1),
            refresher,
            log.log());
    HostStatus good = failing.refreshNow().status();
    failure.set(new IllegalStateException("docker: connection refused"));

    failing.refreshNow();
    failing.refreshNow();

    assertThat(failing.current().status()).isEqualTo(good);
    assertThat(failing.current().error())
        .hasValueSatisfying(e -> assertThat(e).contains("refused"));
    assertThat(log.lines()).filteredOn(l -> l.contains("refused")).hasSize(1);
    failure.set(null);
    assertThat(failing.refreshNow().error()).isEmpty();
    assertThat(log.text()).contains("can be read again");
  }
}
