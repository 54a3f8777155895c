package io.stow.daemon.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.schedule.SchedulerState;
import io.stow.daemon.schedule.SchedulerState.Phase;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusLabelsTest {

  private static final Optional<String> H = Optional.of("h".repeat(40));
  private static final Optional<String> OTHER = Optional.of("o".repeat(40));
  private static final Optional<String> DEP = Optional.of("dep-hash");
  private static final Optional<String> NONE = Optional.empty();

  private static SchedulerState state(
      Phase phase,
      boolean queued,
      Optional<String> active,
      Optional<String> queuedHead,
      Optional<String> lastResult) {
    return new SchedulerState(
        phase,
        queued,
        active,
        queuedHead,
        lastResult,
        lastResult.filter("error"::equals).map(r -> "it failed"),
        Optional.of(Instant.EPOCH),
        Optional.of(Instant.EPOCH),
        true);
  }

  private static SchedulerState idle(Optional<String> lastResult) {
    return state(Phase.IDLE, false, NONE, NONE, lastResult);
  }

  private static SchedulerState busy() {
    return state(Phase.RECONCILING, false, OTHER, NONE, Optional.of("ok"));
  }

  @Test
  void labels_forARequestedHead_areTheOriginals() {
    SchedulerState active = state(Phase.RECONCILING, false, H, NONE, NONE);
    SchedulerState queuedBehind = state(Phase.RECONCILING, true, OTHER, H, NONE);

    assertThat(StatusLabels.label(active, DEP, H, NONE)).isEqualTo("reconciling-requested-head");
    assertThat(StatusLabels.label(queuedBehind, DEP, H, NONE)).isEqualTo("queued-requested-head");
    assertThat(StatusLabels.label(idle(NONE), DEP, H, DEP)).isEqualTo("at-requested-head");
    assertThat(StatusLabels.label(busy(), DEP, H, DEP)).isEqualTo("at-requested-head-busy");
    assertThat(StatusLabels.label(idle(NONE), DEP, H, Optional.of("x")))
        .isEqualTo("different-head-idle");
    assertThat(StatusLabels.label(busy(), DEP, H, Optional.of("x")))
        .isEqualTo("different-head-busy");
  }

  @Test
  void withoutAnExpectedHash_theRequestedCommitItselfIsCompared_asInTheOriginal() {
    assertThat(StatusLabels.label(idle(NONE), H, H, NONE)).isEqualTo("at-requested-head");
    assertThat(StatusLabels.label(idle(NONE), DEP, H, NONE)).isEqualTo("different-head-idle");
    assertThat(StatusLabels.label(idle(NONE), NONE, H, NONE)).isEqualTo("different-head-idle");
  }

  @Test
  void labels_withoutARequestedHead() {
    assertThat(StatusLabels.label(idle(NONE), DEP, NONE, NONE)).isEqualTo("idle");
    assertThat(StatusLabels.label(state(Phase.RECONCILING, true, NONE, H, NONE), DEP, NONE, NONE))
        .isEqualTo("reconciling-queued");
    assertThat(StatusLabels.label(busy(), DEP, NONE, NONE)).isEqualTo("reconciling");
    assertThat(StatusLabels.label(state(Phase.STARTING, false, H, NONE, NONE), DEP, NONE, NONE))
        .isEqualTo("reconciling");
  }

  @Test
  void badgeStates_forARequestedHead() {
    SchedulerState active = state(Phase.RECONCILING, false, H, NONE, NONE);
    SchedulerState queuedBehind = state(Phase.RECONCILING, true, OTHER, H, NONE);

    assertThat(StatusLabels.state(active, DEP, H, DEP)).isEqualTo(BadgeState.RECONCILING);
    assertThat(StatusLabels.state(queuedBehind, DEP, H, NONE)).isEqualTo(BadgeState.QUEUED);
    assertThat(StatusLabels.state(idle(Optional.of("ok")), DEP, H, DEP))
        .isEqualTo(BadgeState.RUNNING);
    assertThat(StatusLabels.state(busy(), DEP, H, DEP)).isEqualTo(BadgeState.RUNNING);
    assertThat(StatusLabels.state(idle(Optional.of("ok")), DEP, H, Optional.of("x")))
        .isEqualTo(BadgeState.DIFFERENT);
    assertThat(StatusLabels.state(idle(Optional.of("error")), DEP, H, Optional.of("x")))
        .isEqualTo(BadgeState.ERROR);
    assertThat(StatusLabels.state(idle(Optional.of("error")), DEP, H, DEP))
        .as("what runs is what the commit describes, whatever failed before")
        .isEqualTo(BadgeState.RUNNING);
    assertThat(StatusLabels.state(idle(Optional.of("ok")), DEP, H, NONE))
        .isEqualTo(BadgeState.UNKNOWN);
    assertThat(StatusLabels.state(idle(NONE), NONE, H, DEP)).isEqualTo(BadgeState.DIFFERENT);
  }

  @Test
  void badgeStates_withoutARequestedHead_sayWhatTheHostDoes() {
    assertThat(StatusLabels.state(busy(), DEP, NONE, NONE)).isEqualTo(BadgeState.RECONCILING);
    assertThat(StatusLabels.state(idle(Optional.of("error")), DEP, NONE, NONE))
        .isEqualTo(BadgeState.ERROR);
    assertThat(StatusLabels.state(idle(Optional.of("ok")), DEP, NONE, NONE))
        .isEqualTo(BadgeState.RUNNING);
    assertThat(StatusLabels.state(idle(NONE), NONE, NONE, NONE)).isEqualTo(BadgeState.UNKNOWN);
  }
}
