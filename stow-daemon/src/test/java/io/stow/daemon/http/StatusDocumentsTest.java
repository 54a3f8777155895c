package io.stow.daemon.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.daemon.host.HostStatusCache;
import io.stow.daemon.schedule.SchedulerState;
import io.stow.daemon.status.BadgeState;
import io.stow.daemon.status.StatusJson;
import io.stow.daemon.status.StatusView;
import io.stow.engine.HostStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusDocumentsTest {

  private static StatusView view(Instant readAt, String label) {
    HostStatus nothing =
        new HostStatus(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            false,
            List.of());
    return new StatusView(
        SchedulerState.initial(),
        new HostStatusCache.Reading(nothing, readAt, Optional.empty()),
        Optional.empty(),
        Optional.empty(),
        label,
        BadgeState.UNKNOWN,
        Optional.empty());
  }

  @Test
  void anEqualView_getsTheSameDocumentWithoutRenderingAgain_anotherViewItsOwn() {
    StatusDocuments documents = new StatusDocuments();
    byte[] first = documents.of(view(Instant.EPOCH, "idle"));

    assertThat(documents.of(view(Instant.EPOCH, "idle"))).isSameAs(first);
    byte[] other = documents.of(view(Instant.EPOCH, "different"));
    assertThat(other)
        .isNotSameAs(first)
        .isEqualTo(StatusJson.render(view(Instant.EPOCH, "different")));
    assertThat(documents.of(view(Instant.EPOCH.plusSeconds(1), "different")))
        .as("a newer host reading")
        .isNotSameAs(other);
  }
}
