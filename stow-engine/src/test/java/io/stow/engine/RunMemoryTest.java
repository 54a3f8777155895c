package io.stow.engine;

import static io.stow.engine.TestDescriptors.DB_V1;
import static io.stow.engine.TestDescriptors.WEB_V1;
import static io.stow.engine.TestDescriptors.WEB_V2;
import static io.stow.engine.TestDescriptors.container;
import static io.stow.engine.TestDescriptors.descriptor;
import static org.assertj.core.api.Assertions.assertThat;

import io.stow.engine.plan.PlannedAction;
import io.stow.engine.source.DesiredStateSource;
import io.stow.engine.source.LocalDirectorySource;
import io.stow.engine.state.StateLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a long-lived reconciler remembers between runs: a poll or trigger that finds the revision it
 * deployed still running, and nothing drifted, costs one container list: no download, no lock,
 * nothing written. Anything else takes the full path.
 */
class RunMemoryTest {

  @TempDir Path tmp;
  private EngineHarness h;
  private Reconciler reconciler;
  private CommitSource repo;

  @BeforeEach
  void setUp() throws IOException {
    h = new EngineHarness(tmp);
    reconciler = h.reconciler();
    repo = new CommitSource();
    repo.commit(
        "c1", h.folder(descriptor("demo", container("web", WEB_V1), container("db", DB_V1))));
    repo.commit(
        "c2", h.folder(descriptor("demo", container("web", WEB_V2), container("db", DB_V1))));
    repo.head = "c1";
  }

  private ReconcileReport reconcile(DesiredStateSource source) {
    return reconciler.reconcile(ReconcileRequest.reconcile(source));
  }

  @Test
  void theCommitItDeployed_isFoundRunningWithOneListCall_withoutDownloadOrLock() throws Exception {
    reconcile(repo);
    List<String> stateBefore = h.stateListing();
    int callsBefore = h.docker.calls().size();

    ReconcileReport report;
    try (StateLock held = StateLock.acquire(h.stateRoot.resolve(".stow"))) {
      report = reconcile(repo);
    }

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.changedHost()).isFalse();
    assertThat(report.revision()).contains("c1");
    assertThat(report.plan().orElseThrow().isNoop()).isTrue();
    assertThat(repo.materialised).containsExactly("c1");
    assertThat(h.docker.calls().subList(callsBefore, h.docker.calls().size()))
        .singleElement()
        .asString()
        .startsWith("listContainers ");
    assertThat(report.durations()).containsOnlyKeys("stage", "load", "plan");
    assertThat(h.stateListing()).isEqualTo(stateBefore);
  }

  @Test
  void aMovedHead_isResolvedOnceAndDeployed() {
    reconcile(repo);
    repo.head = "c2";
    repo.resolved = 0;

    ReconcileReport report = reconcile(repo);

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.revision()).contains("c2");
    assertThat(repo.materialised).containsExactly("c1", "c2");
    assertThat(repo.resolved).isEqualTo(1);
    assertThat(h.docker.container("web").orElseThrow().image).isEqualTo(WEB_V2.pinned());

    reconcile(repo);
    assertThat(repo.materialised).containsExactly("c1", "c2");
  }

  @Test
  void drift_underTheSameCommit_takesTheFullPathAndRepairsIt() {
    reconcile(repo);
    h.docker.remove(h.docker.container("web").orElseThrow().id);

    ReconcileReport report = reconcile(repo);

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.plan().orElseThrow().actions())
        .extracting(PlannedAction::container, PlannedAction::reason)
        .contains(org.assertj.core.groups.Tuple.tuple("web", "missing"));
    assertThat(repo.materialised).containsExactly("c1", "c1");
    assertThat(h.docker.container("web").orElseThrow().running).isTrue();
  }

  @Test
  void anotherSource_atTheSameCommit_isDownloaded() {
    reconcile(repo);
    CommitSource other = repo.copy();

    reconcile(other);

    assertThat(other.materialised).containsExactly("c1");
  }

  @Test
  void anotherReconciler_downloadsAgain() {
    reconcile(repo);

    h.reconciler().reconcile(ReconcileRequest.reconcile(repo));

    assertThat(repo.materialised).containsExactly("c1", "c1");
  }

  @Test
  void aDirectory_isReadEveryTime() {
    LocalDirectorySource dir =
        h.folder(descriptor("demo", container("web", WEB_V1), container("db", DB_V1)));
    reconcile(dir);

    ReconcileReport again = reconcile(dir);

    assertThat(again.durations()).containsKeys("lock", "stage", "hash", "load");
  }

  @Test
  void aRunningSnapshotReplacedByAnotherRun_isNotTakenForTheCommitRemembered() {
    reconcile(repo);
    // another stow run (another reconciler: the CLI beside the daemon) deploys c2
    repo.head = "c2";
    h.reconciler().reconcile(ReconcileRequest.reconcile(repo));
    repo.head = "c1";

    ReconcileReport report = reconcile(repo);

    assertThat(report.changedHost()).isTrue();
    assertThat(h.docker.container("web").orElseThrow().image).isEqualTo(WEB_V1.pinned());
  }

  @Test
  void repair_withoutDrift_readsTheSnapshotOnceAndThenNeedsNoLock() throws Exception {
    reconcile(repo);
    reconciler.repair();
    int loads = h.loader.loads();
    List<String> stateBefore = h.stateListing();

    ReconcileReport report;
    try (StateLock held = StateLock.acquire(h.stateRoot.resolve(".stow"))) {
      report = reconciler.repair();
    }

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.plan().orElseThrow().isNoop()).isTrue();
    assertThat(report.deploymentName()).contains("demo");
    assertThat(h.loader.loads()).isEqualTo(loads);
    assertThat(h.stateListing()).isEqualTo(stateBefore);
  }

  @Test
  void repair_readsTheSnapshotsManifestAgainWhenItChanged() throws Exception {
    reconcile(repo);
    reconciler.repair();
    int loads = h.loader.loads();
    Path manifest = h.stateRoot.resolve("running-config/stow.yaml");
    String edited = Files.readString(manifest) + "# edited by hand\n";
    h.loader.register(edited, descriptor("demo", container("web", WEB_V1), container("db", DB_V1)));
    Files.writeString(manifest, edited);

    reconciler.repair();

    assertThat(h.loader.loads()).isEqualTo(loads + 1);
  }

  /** A repository of commits, each a folder; {@code head} is the tracked branch's head. */
  private static final class CommitSource implements DesiredStateSource {
    private final Map<String, LocalDirectorySource> commits = new HashMap<>();
    private final List<String> materialised = new java.util.ArrayList<>();
    String head;
    int resolved;

    void commit(String sha, LocalDirectorySource folder) {
      commits.put(sha, folder);
    }

    CommitSource copy() {
      CommitSource copy = new CommitSource();
      copy.commits.putAll(commits);
      copy.head = head;
      return copy;
    }

    @Override
    public String resolveRevision() {
      resolved++;
      return head;
    }

    @Override
    public void materialise(String revision, Path staging) throws IOException {
      materialised.add(revision);
      commits.get(revision).materialise(DesiredStateSource.LOCAL_REVISION, staging);
    }

    @Override
    public String describe() {
      return "test repository";
    }
  }
}
