package io.stow.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.fakes.MutableClock;
import io.stow.daemon.schedule.RunListener;
import io.stow.engine.HostStatus;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.StepName;
import io.stow.model.config.NotifyEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DegradationWatcherTest {

  private final MutableClock clock = new MutableClock();
  private final List<Notification> told = new ArrayList<>();
  private final DegradationWatcher watcher =
      new DegradationWatcher("host-1", "folder-1", new DeploymentFacts(), clock, told::add);

  private static HostStatus.Container container(
      String name, String hash, int restarts, Optional<String> health) {
    return new HostStatus.Container(
        name, "running", true, health, restarts, Optional.of(Instant.EPOCH), Optional.of(hash));
  }

  private static HostStatus host(HostStatus.Container... containers) {
    return new HostStatus(
        Optional.of("shop"),
        Optional.of("h1"),
        Optional.of("c".repeat(40)),
        Optional.empty(),
        false,
        List.of(containers));
  }

  private void read(HostStatus.Container... containers) {
    clock.advance(Duration.ofMinutes(5));
    watcher.observe(host(containers));
  }

  @Test
  void aRestartBetweenRuns_isDegraded_onceUntilTheNextRun() {
    read(
        container("web", "v1:h1", 0, Optional.empty()),
        container("db", "v1:h1", 0, Optional.empty()));
    read(
        container("web", "v1:h1", 2, Optional.empty()),
        container("db", "v1:h1", 0, Optional.empty()));
    read(
        container("web", "v1:h1", 3, Optional.empty()),
        container("db", "v1:h1", 0, Optional.empty()));

    assertThat(told)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.event()).isEqualTo(NotifyEvent.DEGRADED);
              assertThat(n.run()).isEqualTo("status");
              assertThat(n.result()).isEqualTo("degraded");
              assertThat(n.deployment()).contains("shop");
              assertThat(n.commit()).contains("c".repeat(40));
              assertThat(n.containers())
                  .extracting(Notification.ContainerLine::name)
                  .containsExactly("web");
              assertThat(n.containers().get(0).result()).isEqualTo("restarted");
              assertThat(n.reason())
                  .contains("web restarted 2 times (restart count 2, now running)");
              assertThat(n.startedAt()).isEqualTo(Instant.parse("2026-05-01T10:05:00Z"));
              assertThat(n.finishedAt()).isEqualTo(Instant.parse("2026-05-01T10:10:00Z"));
            });

    watcher.finished(
        new RunListener.Finished(
            RunListener.Kind.REPAIR,
            Optional.empty(),
            Optional.empty(),
            Instant.EPOCH,
            Instant.EPOCH));
    read(
        container("web", "v1:h1", 4, Optional.empty()),
        container("db", "v1:h1", 0, Optional.empty()));

    assertThat(told).hasSize(2);
  }

  @Test
  void turningUnhealthy_isDegraded_butStayingUnhealthyIsNotNews() {
    read(container("web", "v1:h1", 0, Optional.of("healthy")));
    read(container("web", "v1:h1", 0, Optional.of("unhealthy")));

    assertThat(told)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.containers().get(0).result()).isEqualTo("unhealthy");
              assertThat(n.reason().orElseThrow()).contains("web turned unhealthy");
            });
  }

  @Test
  void whatARunChanges_isNotADegradation() {
    read(container("web", "v1:h1", 0, Optional.empty()));
    watcher.on(new ReconcileEvent.StepStarted(StepName.APPLY, false));
    read(
        container(
            "web", "v1:h2", 1, Optional.empty())); // verification saw a restart: the run tells
    watcher.finished(
        new RunListener.Finished(
            RunListener.Kind.RECONCILE,
            Optional.empty(),
            Optional.empty(),
            Instant.EPOCH,
            Instant.EPOCH));
    read(container("web", "v1:h2", 1, Optional.empty()));
    read(container("web", "v1:h3", 0, Optional.empty())); // replaced by another hash: not ours

    assertThat(told).isEmpty();
  }

  @Test
  void theFirstReading_isOnlyTheBaseline() {
    read(container("web", "v1:h1", 7, Optional.of("unhealthy")));

    assertThat(told).isEmpty();
  }

  @Test
  void watching_seesEveryReadingOfTheReader() {
    List<HostStatus> readings =
        new ArrayList<>(
            List.of(
                host(container("web", "v1:h1", 0, Optional.empty())),
                host(container("web", "v1:h1", 1, Optional.empty()))));
    var reader = watcher.watching(() -> readings.remove(0));

    reader.get();
    reader.get();

    assertThat(told).hasSize(1);
  }
}
