package io.stow.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stow.engine.FakeClock;
import io.stow.model.DeploymentHashes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {

  @TempDir Path tmp;
  private final FakeClock clock = new FakeClock();
  private SnapshotStore store;

  @BeforeEach
  void setUp() {
    store = new SnapshotStore(tmp.resolve("home"), clock);
  }

  private static DeploymentHashes hashes(String deploymentHash) {
    return new DeploymentHashes(
        "m" + deploymentHash, "c" + deploymentHash, "s" + deploymentHash, deploymentHash);
  }

  private SnapshotInfo promote(String hash) throws IOException {
    clock.advance(Duration.ofMinutes(1));
    store.initialise();
    Path staging = store.staging().create("test").path();
    Files.writeString(staging.resolve("stow.yaml"), "deployment:\n  name: demo\n");
    Files.createDirectories(staging.resolve("runtime"));
    Files.writeString(staging.resolve("runtime/secret.env"), "TOKEN=plain\n");
    return store.promote(
        staging,
        new SnapshotMetadata(
            "demo", "rev-" + hash, hashes(hash), List.of("runtime/secret.env"), clock.instant()),
        "deployment:\n  name: demo\n");
  }

  @Test
  void promote_createsTheSnapshotWithMetadataAndPointsRunningConfigAtIt() throws IOException {
    SnapshotInfo info = promote("aaa");

    Path snapshot = store.snapshotsDir().resolve("aaa");
    assertThat(info.dir()).isEqualTo(snapshot);
    assertThat(Files.readSymbolicLink(store.runningConfig())).isEqualTo(snapshot);
    assertThat(snapshot.resolve(SnapshotStore.CONFIG_SHA256)).hasContent("aaa");
    assertThat(snapshot.resolve(SnapshotStore.GIT_REVISION)).hasContent("rev-aaa");
    assertThat(snapshot.resolve(SnapshotStore.DEPLOYMENT_NAME)).hasContent("demo");
    assertThat(snapshot.resolve(SnapshotStore.RENDERED_MANIFEST)).exists();
    JsonNode json =
        new ObjectMapper().readTree(snapshot.resolve(SnapshotStore.SNAPSHOT_JSON).toFile());
    assertThat(json.get("deployment").asText()).isEqualTo("demo");
    assertThat(json.get("revision").asText()).isEqualTo("rev-aaa");
    assertThat(json.get("hash").asText()).isEqualTo("aaa");
    assertThat(json.get("secrets_hash").asText()).isEqualTo("saaa");
    assertThat(json.get("secret_files").get(0).asText()).isEqualTo("runtime/secret.env");
    assertThat(json.get("created_at").asText()).isEqualTo(clock.instant().toString());
    assertThat(json.toString()).doesNotContain("TOKEN=plain");
    assertThat(store.current())
        .contains(
            new SnapshotInfo(
                snapshot.toRealPath(),
                "aaa",
                java.util.Optional.of("demo"),
                java.util.Optional.of("rev-aaa")));
    assertThat(store.previousLink()).doesNotExist();
  }

  @Test
  void promote_makesDirectoriesPrivateAndFilesOwnerOnly() throws IOException {
    promote("aaa");

    try (Stream<Path> walk = Files.walk(store.snapshotsDir().resolve("aaa"))) {
      for (Path p : walk.toList()) {
        String expected = Files.isDirectory(p) ? "rwx------" : "rw-------";
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)))
            .as(p.toString())
            .isEqualTo(expected);
      }
    }
    for (Path dir : List.of(store.stowDir(), store.snapshotsDir())) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void promote_movesTheOldLinkTargetToPreviousAndSwapsAtomically() throws IOException {
    promote("aaa");

    promote("bbb");

    assertThat(Files.isSymbolicLink(store.runningConfig())).isTrue();
    assertThat(Files.isSymbolicLink(store.previousLink())).isTrue();
    assertThat(Files.readSymbolicLink(store.runningConfig()))
        .isEqualTo(store.snapshotsDir().resolve("bbb"));
    assertThat(Files.readSymbolicLink(store.previousLink()))
        .isEqualTo(store.snapshotsDir().resolve("aaa"));
    assertThat(store.previous().orElseThrow().deploymentHash()).isEqualTo("aaa");
    try (Stream<Path> children = Files.list(store.root())) {
      // no temporary link is left behind
      assertThat(children.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(".stow", "running-config", "running-config.previous");
    }
  }

  @Test
  void promote_reusesAnExistingSnapshotOfTheSameHash() throws IOException {
    promote("aaa");
    promote("bbb");
    store.commit();

    promote("aaa");

    assertThat(store.current().orElseThrow().deploymentHash()).isEqualTo("aaa");
    try (Stream<Path> staging = Files.list(store.stowDir().resolve("staging"))) {
      assertThat(staging).isEmpty();
    }
  }

  @Test
  void commit_removesThePreviousLinkButKeepsItsSnapshot() throws IOException {
    promote("aaa");
    promote("bbb");

    store.commit();

    assertThat(store.previousLink()).doesNotExist();
    assertThat(store.hasPrevious()).isFalse();
    assertThat(store.snapshotsDir().resolve("aaa")).isDirectory();
  }

  @Test
  void restorePrevious_movesPreviousBackToRunningConfig() throws IOException {
    promote("aaa");
    promote("bbb");

    SnapshotInfo restored = store.restorePrevious();

    assertThat(restored.deploymentHash()).isEqualTo("aaa");
    assertThat(Files.readSymbolicLink(store.runningConfig()))
        .isEqualTo(store.snapshotsDir().resolve("aaa"));
    assertThat(Files.exists(store.previousLink(), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void restorePrevious_failsWithoutAPreviousSnapshot() throws IOException {
    promote("aaa");

    assertThatThrownBy(() -> store.restorePrevious())
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("no previous snapshot");
  }

  @Test
  void dropCurrent_removesOnlyTheLink() throws IOException {
    promote("aaa");

    store.dropCurrent();

    assertThat(Files.exists(store.runningConfig(), LinkOption.NOFOLLOW_LINKS)).isFalse();
    assertThat(store.current()).isEmpty();
    assertThat(store.snapshotsDir().resolve("aaa")).isDirectory();
  }

  @Test
  void prune_keepsTheNewestSnapshotsPlusCurrentAndPrevious() throws IOException {
    for (String hash : List.of("h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8")) {
      promote(hash);
      store.commit();
    }
    // make h1 current again and h8 previous: both are pinned although h1 is old
    promote("h1");

    List<Path> deleted = store.prune(3);

    try (Stream<Path> dirs = Files.list(store.snapshotsDir())) {
      assertThat(dirs.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("h1", "h8", "h7", "h6", "h5");
    }
    assertThat(deleted)
        .extracting(p -> p.getFileName().toString())
        .containsExactlyInAnyOrder("h2", "h3", "h4");
  }

  @Test
  void initialise_keepsTheModeOfAnExistingStateRoot() throws IOException {
    Path root = store.root();
    Files.createDirectories(root);
    Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));

    store.initialise();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root)))
        .isEqualTo("rwxr-xr-x");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.stowDir())))
        .isEqualTo("rwx------");
  }

  @Test
  void initialise_makesAMissingStateRootAndItsMissingParentsPrivate() throws IOException {
    Path root = tmp.resolve("fresh");
    Path deep = root.resolve("a/b/state");
    SnapshotStore fresh = new SnapshotStore(deep, clock);

    fresh.initialise();

    for (Path created : List.of(root.resolve("a"), root.resolve("a/b"), deep)) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created)))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void initialise_doesNotChmodThroughASymlinkedStateRoot() throws IOException {
    Path root = tmp.resolve("srv");
    Path shared = Files.createDirectories(root.resolveSibling(root.getFileName() + "-shared"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path link = root.resolveSibling(root.getFileName() + "-link");
    Files.createSymbolicLink(link, shared);

    new SnapshotStore(link, clock).initialise();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void current_isEmptyOnAFreshHost() throws IOException {
    assertThat(store.current()).isEmpty();
    assertThat(store.hasPrevious()).isFalse();
    assertThat(store.prune(5)).isEmpty();
  }
}
