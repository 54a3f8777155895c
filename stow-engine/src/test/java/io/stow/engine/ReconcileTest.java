package io.stow.engine;

import static io.stow.engine.TestDescriptors.DB_V1;
import static io.stow.engine.TestDescriptors.WEB_V1;
import static io.stow.engine.TestDescriptors.WEB_V2;
import static io.stow.engine.TestDescriptors.container;
import static io.stow.engine.TestDescriptors.descriptor;
import static org.assertj.core.api.Assertions.assertThat;

import io.stow.docker.BindMount;
import io.stow.docker.ContainerCreateRequest;
import io.stow.engine.ContainerOutcome.Result;
import io.stow.engine.ReconcileEvent.Change;
import io.stow.engine.ReconcileEvent.ContainerChanged;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.PlannedAction;
import io.stow.engine.source.LocalDirectorySource;
import io.stow.engine.state.SnapshotStore;
import io.stow.model.BindOptions;
import io.stow.model.ContainerSpec;
import io.stow.model.StowLabels;
import io.stow.model.VolumeSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcileTest {

  @TempDir Path tmp;
  private EngineHarness h;

  @BeforeEach
  void setUp() throws IOException {
    h = new EngineHarness(tmp);
  }

  @Test
  void reconcile_firstDeploymentStartsContainersWithStowLabelsAndCommitsSnapshot()
      throws IOException {
    ContainerSpec web = ContainerSpec.builder("web", WEB_V1).label("team", "ops").build();
    LocalDirectorySource source = h.folder(descriptor("demo", web, container("db", DB_V1)));

    ReconcileReport report = h.reconcile(source);

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    String hash = report.hashes().orElseThrow().deploymentHash();
    assertThat(h.docker.container("web").orElseThrow().labels)
        .containsEntry("team", "ops")
        .containsEntry(StowLabels.DEPLOYMENT, "demo")
        .containsEntry(StowLabels.HASH, "v1:" + hash);
    assertThat(h.docker.container("db").orElseThrow().running).isTrue();
    assertThat(report.containers())
        .extracting(ContainerOutcome::container, ContainerOutcome::result)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("web", Result.STARTED),
            org.assertj.core.groups.Tuple.tuple("db", Result.STARTED));
    assertThat(report.verification().orElseThrow().passed()).isTrue();
    assertThat(report.revision()).contains("local");
    Path running = h.stateRoot.resolve(SnapshotStore.RUNNING_CONFIG);
    assertThat(Files.isSymbolicLink(running)).isTrue();
    assertThat(running.toRealPath())
        .isEqualTo(h.stateRoot.resolve(".stow/snapshots/" + hash).toRealPath());
    assertThat(h.stateRoot.resolve(SnapshotStore.PREVIOUS)).doesNotExist();
    assertThat(report.durations())
        .containsKeys(
            "stage", "decrypt", "hash", "load", "plan", "pull", "snapshot", "apply", "verify");
  }

  @Test
  void reconcile_tellsTheStagedRevisionOnce_beforeTheHostChanges() {
    LocalDirectorySource source = h.folder(descriptor("demo", container("web", WEB_V1)));

    h.reconcile(source);

    List<ReconcileEvent> events = h.events.all();
    assertThat(h.events.of(ReconcileEvent.RevisionKnown.class))
        .extracting(ReconcileEvent.RevisionKnown::revision)
        .containsExactly("local");
    int known = events.indexOf(new ReconcileEvent.RevisionKnown("local"));
    int firstChange =
        events.indexOf(
            events.stream().filter(ContainerChanged.class::isInstance).findFirst().orElseThrow());
    assertThat(known).isLessThan(firstChange);
    assertThat(events.get(known - 1))
        .isInstanceOfSatisfying(
            ReconcileEvent.StepFinished.class, f -> assertThat(f.step()).isEqualTo(StepName.STAGE));
  }

  @Test
  void reconcile_secondRunWithSameStateIsNoopAndChangesNothing() throws IOException {
    LocalDirectorySource source = h.folder(descriptor("demo", container("web", WEB_V1)));
    h.reconcile(source);
    List<String> stateBefore = h.stateListing();
    int mutatingBefore = h.docker.mutatingCalls().size();

    ReconcileReport report = h.reconcile(source);

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.plan().orElseThrow().isNoop()).isTrue();
    assertThat(report.changedHost()).isFalse();
    assertThat(h.docker.mutatingCalls()).hasSize(mutatingBefore);
    assertThat(h.stateListing()).isEqualTo(stateBefore);
  }

  @Test
  void reconcile_replacesStaleContainerAndDeletesRemovedOne() {
    h.reconcile(h.folder(descriptor("demo", container("web", WEB_V1), container("db", DB_V1))));
    String oldWebId = h.docker.container("web").orElseThrow().id;

    ReconcileReport report = h.reconcile(h.folder(descriptor("demo", container("web", WEB_V2))));

    assertThat(report.plan().orElseThrow().actions())
        .extracting(PlannedAction::container, PlannedAction::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("web", ActionKind.REPLACE),
            org.assertj.core.groups.Tuple.tuple("db", ActionKind.DELETE));
    assertThat(report.plan().orElseThrow().actions().get(0).reason()).startsWith("stale-hash v1:");
    assertThat(h.docker.container("db")).isEmpty();
    assertThat(h.docker.container("web").orElseThrow().id).isNotEqualTo(oldWebId);
    assertThat(h.docker.container("web").orElseThrow().image).isEqualTo(WEB_V2.pinned());
    assertThat(report.containers())
        .extracting(ContainerOutcome::container, ContainerOutcome::result)
        .contains(
            org.assertj.core.groups.Tuple.tuple("web", Result.STARTED),
            org.assertj.core.groups.Tuple.tuple("db", Result.DELETED));
    assertThat(h.events.of(ContainerChanged.class))
        .contains(
            new ContainerChanged("web", Change.STOPPED),
            new ContainerChanged("web", Change.REMOVED),
            new ContainerChanged("web", Change.CREATED),
            new ContainerChanged("web", Change.STARTED),
            new ContainerChanged("db", Change.STOPPED));
  }

  @Test
  void reconcile_pullsEveryImageBeforeStoppingAnything() {
    h.reconcile(h.folder(descriptor("demo", container("web", WEB_V1))));

    h.reconcile(h.folder(descriptor("demo", container("web", WEB_V2))));

    List<String> calls = h.docker.mutatingCalls();
    int pull = calls.indexOf("pull " + WEB_V2.pinned());
    int stop = calls.lastIndexOf("stop web");
    assertThat(pull).isNotNegative().isLessThan(stop);
  }

  @Test
  void reconcile_skipsPullWhenImageIsPresent() {
    h.docker.imagePresentLocally(WEB_V1);

    ReconcileReport report = h.reconcile(h.folder(descriptor("demo", container("web", WEB_V1))));

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(h.docker.calls()).noneMatch(c -> c.startsWith("pull "));
    assertThat(h.events.of(ReconcileEvent.ImageReady.class))
        .containsExactly(new ReconcileEvent.ImageReady(WEB_V1.toString(), false));
  }

  @Test
  void reconcile_reportsPullProgressEvents() {
    h.reconcile(h.folder(descriptor("demo", container("web", WEB_V1))));

    assertThat(h.events.of(ReconcileEvent.PullProgressed.class))
        .extracting(ReconcileEvent.PullProgressed::status)
        .containsExactly("Downloading", "Pull complete");
  }

  @Test
  void reconcile_pullFailureTouchesNothing() throws IOException {
    h.reconcile(h.folder(descriptor("demo", container("web", WEB_V1), container("db", DB_V1))));
    List<String> stateBefore = h.stateListing();
    List<String> mutatingBefore = h.docker.mutatingCalls();
    h.docker.failPull(WEB_V2);

    ReconcileException e =
        h.reconcileFails(
            h.folder(descriptor("demo", container("web", WEB_V2), container("db", DB_V1))));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage())
        .contains("pull", WEB_V2.toString(), "nothing on the host was changed");
    assertThat(h.docker.mutatingCalls())
        .containsExactlyElementsOf(concat(mutatingBefore, "pull " + WEB_V2.pinned()));
    assertThat(h.stateListing()).isEqualTo(stateBefore);
    assertThat(e.report().plan()).isPresent();
    assertThat(h.docker.container("web").orElseThrow().running).isTrue();
  }

  @Test
  void reconcile_unmanagedContainerWithDesiredNameFailsSafeAndLeavesItUntouched()
      throws IOException {
    h.reconcile(h.folder(descriptor("demo", container("db", DB_V1))));
    FakeDockerHost.FakeContainer stranger =
        h.docker.addContainer("web", "nginx", Map.of("owner", "someone-else"), true);
    List<String> mutatingBefore = h.docker.mutatingCalls();
    List<String> stateBefore = h.stateListing();

    ReconcileException e =
        h.reconcileFails(
            h.folder(descriptor("demo", container("web", WEB_V1), container("db", WEB_V2))));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage()).contains("'web'", "not managed by deployment 'demo'", "never");
    assertThat(h.docker.mutatingCalls()).isEqualTo(mutatingBefore);
    assertThat(h.docker.container("web").orElseThrow()).isSameAs(stranger);
    assertThat(stranger.running).isTrue();
    assertThat(h.stateListing()).isEqualTo(stateBefore);
  }

  @Test
  void reconcile_containerOfAnotherDeploymentWithDesiredNameFailsSafe() {
    h.docker.addContainer("web", "nginx", Map.of(StowLabels.DEPLOYMENT, "other"), true);

    ReconcileException e = h.reconcileFails(h.folder(descriptor("demo", container("web", WEB_V1))));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage()).contains("stow.deployment=other");
    assertThat(h.docker.mutatingCalls()).isEmpty();
  }

  @Test
  void reconcile_ensuresLabelledNetworksBeforeCreatingContainers() {
    ReconcileReport report =
        h.reconcile(
            h.folder(
                descriptor(
                    "demo",
                    TestDescriptors.VERIFY,
                    List.of("backend"),
                    ContainerSpec.builder("web", WEB_V1).networks(List.of("backend")).build())));

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(h.docker.networks()).containsEntry("backend", Map.of(StowLabels.DEPLOYMENT, "demo"));
    List<String> calls = h.docker.mutatingCalls();
    assertThat(calls.indexOf("ensureNetwork backend")).isLessThan(calls.indexOf("create web"));
  }

  @Test
  void reconcile_mergesEnvFilesInOrderThenEnv() {
    ContainerSpec web =
        ContainerSpec.builder("web", WEB_V1)
            .envFiles(List.of("base.env", "config/override.env"))
            .env("C", "from-env")
            .build();
    h.reconcile(
        h.folder(
            descriptor("demo", web),
            Map.of(
                "base.env", "# base\nA=1\nB=base\nC=base\n",
                "config/override.env", "export B=\"over ride\"\nD='lit#eral'\n")));

    ContainerCreateRequest request = h.docker.container("web").orElseThrow().request.orElseThrow();
    assertThat(request.env())
        .containsExactly(
            Map.entry("A", "1"),
            Map.entry("B", "over ride"),
            Map.entry("C", "from-env"),
            Map.entry("D", "lit#eral"));
  }

  @Test
  void reconcile_resolvesBindSources() throws IOException {
    ContainerSpec web =
        ContainerSpec.builder("web", WEB_V1)
            .volume(new VolumeSpec("runtime", "/runtime", true, Optional.empty()))
            .volume(
                new VolumeSpec("runtime/conf/app.conf", "/etc/app.conf", true, Optional.of("z")))
            .volume(new VolumeSpec("/var/lib/web", "/data", false, Optional.empty()))
            .volume(new VolumeSpec("conf/app.conf", "/app.conf", true, Optional.empty()))
            .build();
    ReconcileReport report =
        h.reconcile(h.folder(descriptor("demo", web), Map.of("conf/app.conf", "x=1\n")));

    String hash = report.hashes().orElseThrow().deploymentHash();
    Path root = h.stateRoot.toAbsolutePath().normalize();
    assertThat(h.docker.container("web").orElseThrow().request.orElseThrow().binds())
        .containsExactly(
            new BindMount(
                root.resolve("running-config").toString(),
                "/runtime",
                BindOptions.of(true, Optional.empty())),
            new BindMount(
                root.resolve("running-config/conf/app.conf").toString(),
                "/etc/app.conf",
                BindOptions.of(true, Optional.of("z"))),
            new BindMount("/var/lib/web", "/data", BindOptions.of(false, Optional.empty())),
            new BindMount(
                root.resolve(".stow/snapshots/" + hash + "/conf/app.conf").toString(),
                "/app.conf",
                BindOptions.of(true, Optional.empty())));
  }

  @Test
  void reconcile_rejectsVolumeEscapingTheSnapshotBeforeAnyChange() throws IOException {
    ContainerSpec web =
        ContainerSpec.builder("web", WEB_V1)
            .volume(new VolumeSpec("../../etc", "/etc/host", true, Optional.empty()))
            .build();

    ReconcileException e = h.reconcileFails(h.folder(descriptor("demo", web)));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage()).contains("volume source '../../etc'", "escapes");
    assertThat(h.docker.mutatingCalls()).isEmpty();
    assertThat(h.stateRoot.resolve("running-config")).doesNotExist();
  }

  @Test
  void reconcile_rejectsMissingEnvFileBeforeAnyChange() {
    ContainerSpec web = ContainerSpec.builder("web", WEB_V1).envFiles(List.of("nope.env")).build();

    ReconcileException e = h.reconcileFails(h.folder(descriptor("demo", web)));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage()).contains("envFiles[0] 'nope.env'", "does not exist");
    assertThat(h.docker.mutatingCalls()).isEmpty();
  }

  @Test
  void reconcile_failsBeforeAnyChangeWhenDockerWouldRefuseACreateRequest() {
    h.reconcile(h.folder(descriptor("demo", container("web", WEB_V1))));
    List<String> mutatingBefore = h.docker.mutatingCalls();
    h.docker.refuseCreateCheck("web");

    ReconcileException e =
        h.reconcileFails(
            h.folder(descriptor("demo", ContainerSpec.builder("web", WEB_V2).build())));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage()).contains("scripted refusal of the request");
    assertThat(h.docker.checkedCreates()).endsWith("web");
    assertThat(h.docker.mutatingCalls()).isEqualTo(mutatingBefore);
  }

  @Test
  void reconcile_refusesToRenameTheDeployment() {
    h.reconcile(h.folder(descriptor("demo", container("web", WEB_V1))));
    List<String> mutatingBefore = h.docker.mutatingCalls();

    ReconcileException e =
        h.reconcileFails(h.folder(descriptor("renamed", container("web", WEB_V1))));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage())
        .contains("deployment.name is immutable", "runs 'demo'", "says 'renamed'");
    assertThat(h.docker.mutatingCalls()).isEqualTo(mutatingBefore);
  }

  @Test
  void reconcile_failsClearlyWithoutStowYaml() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("empty"));
    Files.writeString(dir.resolve("app.conf"), "x");

    ReconcileException e = h.reconcileFails(new LocalDirectorySource(dir));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage()).contains("no stow.yaml", dir.toString());
  }

  @Test
  void reconcile_reportsDescriptorProblemsBeforeAnyChange() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("bad"));
    Files.writeString(dir.resolve("stow.yaml"), "not registered");

    ReconcileException e = h.reconcileFails(new LocalDirectorySource(dir));

    assertThat(e.getMessage()).contains("invalid stow.yaml", "stow.yaml:1:1");
    assertThat(h.docker.calls()).isEmpty();
  }

  @Test
  void reconcile_refusesWhileAnotherRunHoldsTheLock() throws IOException {
    SnapshotStore store = new SnapshotStore(h.stateRoot, h.clock);
    store.initialise();
    try (var lock = store.lock()) {
      ReconcileException e =
          h.reconcileFails(h.folder(descriptor("demo", container("web", WEB_V1))));

      assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
      assertThat(e.getMessage()).contains("state lock");
    }
    assertThat(h.docker.calls()).isEmpty();
  }

  @Test
  void reconcile_prunesOldSnapshotsKeepingTheConfiguredNumber() throws IOException {
    for (int i = 0; i < 8; i++) {
      h.clock.advance(java.time.Duration.ofMinutes(1));
      h.reconcile(
          h.folder(
              descriptor("demo", container("web", i % 2 == 0 ? WEB_V1 : WEB_V2)),
              Map.of("n", "" + i)));
    }

    try (var dirs = Files.list(h.stateRoot.resolve(".stow/snapshots"))) {
      assertThat(dirs.count()).isEqualTo(6); // current + the last 5
    }
  }

  private static List<String> concat(List<String> list, String item) {
    List<String> copy = new java.util.ArrayList<>(list);
    copy.add(item);
    return copy;
  }
}
