package io.stow.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.engine.ReconcileMode;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.state.SnapshotStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentFactsTest {

  @TempDir Path snapshot;

  @Test
  void learn_takesTheNameAndBaseUrlOfTheReportsDescriptor() {
    DeploymentFacts facts = new DeploymentFacts();

    facts.learn(
        RunReports.report(
            ReconcileMode.RECONCILE, ReconcileStatus.SUCCEEDED, true, Optional.empty()));

    assertThat(facts.name()).contains("shop");
    assertThat(facts.baseUrl()).contains("https://host-1.example.com:17403");
    assertThat(facts.links(Optional.of("abc")).orElseThrow())
        .isEqualTo(
            new Notification.Links(
                "https://host-1.example.com:17403/status?head_hash=abc",
                "https://host-1.example.com:17403/"));
    assertThat(facts.links(Optional.empty()).orElseThrow().status())
        .isEqualTo("https://host-1.example.com:17403/status");
  }

  @Test
  void seed_readsTheRunningSnapshotsRenderedDescriptor() throws Exception {
    Files.writeString(
        snapshot.resolve(SnapshotStore.RENDERED_MANIFEST),
        RunReports.desired("http://10.0.0.5:17403//").toYaml());
    DeploymentFacts facts = new DeploymentFacts();

    facts.seed(Optional.of(snapshot));

    assertThat(facts.name()).contains("shop");
    assertThat(facts.baseUrl()).contains("http://10.0.0.5:17403");
  }

  @Test
  void aBaseUrlThatIsNotHttp_givesNoLinks_andAMissingFileIsNoError() {
    DeploymentFacts facts = new DeploymentFacts();

    facts.seed(Optional.of(snapshot.resolve("nowhere")));
    facts.learn(
        new io.stow.engine.ReconcileReport(
            ReconcileMode.RECONCILE,
            ReconcileStatus.SUCCEEDED,
            Optional.of("shop"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(RunReports.desired("ftp://files.example.com")),
            Optional.empty(),
            java.util.List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            RunReports.START,
            RunReports.END,
            java.util.Map.of(),
            Optional.empty(),
            java.util.List.of()));

    assertThat(facts.links(Optional.of("abc"))).isEmpty();
  }
}
