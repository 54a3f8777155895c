package io.stow.daemon.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.fakes.RecordingLog;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.StepName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventLogTest {

  private final RecordingLog recording = new RecordingLog();
  private final EventLog events = new EventLog(recording.log());

  @Test
  void changesToTheHost_areLogged_pullProgressAndStepStartsAreNot() {
    events.on(new ReconcileEvent.StepStarted(StepName.PULL, false));
    events.on(new ReconcileEvent.PullProgressed("img", "Downloading", Optional.of("l1"), 10, 100));
    events.on(new ReconcileEvent.ImageReady("registry/app:1@sha256:abc", true));
    events.on(new ReconcileEvent.ImageReady("registry/app:0@sha256:def", false));
    events.on(new ReconcileEvent.ContainerChanged("web", ReconcileEvent.Change.STARTED));
    events.on(new ReconcileEvent.RollbackStarted("verification failed", Optional.of("abc"), false));
    events.on(
        new ReconcileEvent.StepFinished(StepName.VERIFY, false, Duration.ofMillis(12), false));
    events.on(new ReconcileEvent.Warning("running-config.previous exists"));

    assertThat(recording.lines())
        .containsExactly(
            "<6>pulled registry/app:1@sha256:abc",
            "<6>container web started",
            "<4>rolling back to abc: verification failed",
            "<4>step verify failed after 12 ms",
            "<4>running-config.previous exists");
  }

  @Test
  void verificationPolls_areLoggedOnlyWhenTheProblemsChange() {
    Duration t = Duration.ofSeconds(60);
    Duration s = Duration.ofSeconds(20);
    events.on(
        new ReconcileEvent.VerificationTick(
            Duration.ofSeconds(1), t, Duration.ZERO, s, List.of("web: starting")));
    events.on(
        new ReconcileEvent.VerificationTick(
            Duration.ofSeconds(2), t, Duration.ZERO, s, List.of("web: starting")));
    events.on(
        new ReconcileEvent.VerificationTick(Duration.ofSeconds(3), t, Duration.ZERO, s, List.of()));
    events.on(
        new ReconcileEvent.VerificationTick(
            Duration.ofSeconds(4), t, Duration.ofSeconds(1), s, List.of()));

    assertThat(recording.lines())
        .containsExactly(
            "<6>verification after 1s: web: starting",
            "<6>verification: no problems; stable for 0s");
  }
}
