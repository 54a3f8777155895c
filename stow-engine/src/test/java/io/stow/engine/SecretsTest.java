package io.stow.engine;

import static io.stow.engine.TestDescriptors.WEB_V1;
import static io.stow.engine.TestDescriptors.container;
import static io.stow.engine.TestDescriptors.descriptor;
import static org.assertj.core.api.Assertions.assertThat;

import io.stow.engine.render.PlanDocument;
import io.stow.engine.render.ReportDocument;
import io.stow.engine.source.LocalDirectorySource;
import io.stow.engine.state.SnapshotStore;
import io.stow.hash.DeploymentHasher;
import io.stow.model.ContainerSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

  private static final String SENTINEL = "S3NT1NEL-do-not-leak";

  @TempDir Path tmp;
  private EngineHarness h;

  @BeforeEach
  void setUp() throws IOException {
    h = new EngineHarness(tmp);
  }

  private LocalDirectorySource folderWithSecret(ContainerSpec... containers) {
    return h.folder(
        descriptor("demo", containers),
        Map.of("runtime/secret.env", FakeSecretDecryptor.ENCRYPTED, "app.conf", "key=value\n"));
  }

  private static ContainerSpec webUsingSecret() {
    return ContainerSpec.builder("web", WEB_V1)
        .envFiles(List.of("runtime/secret.env"))
        .env("PASSWORD", SENTINEL + "-env")
        .build();
  }

  @Test
  void decrypt_decryptsSopsFilesInPlaceAndHashesThemAsSecrets() throws IOException {
    h.sops = new FakeSecretDecryptor().plaintext("secret.env", "TOKEN=" + SENTINEL + "\n");

    ReconcileReport report = h.reconcile(folderWithSecret(webUsingSecret()));

    Path snapshot = h.stateRoot.resolve(SnapshotStore.RUNNING_CONFIG).toRealPath();
    assertThat(snapshot.resolve("runtime/secret.env")).hasContent("TOKEN=" + SENTINEL);
    Path copy = Files.createDirectories(tmp.resolve("golden"));
    Files.writeString(copy.resolve("stow.yaml"), Files.readString(snapshot.resolve("stow.yaml")));
    Files.writeString(copy.resolve("app.conf"), "key=value\n");
    Files.createDirectories(copy.resolve("runtime"));
    Files.writeString(copy.resolve("runtime/secret.env"), "TOKEN=" + SENTINEL + "\n");
    assertThat(report.hashes()).contains(DeploymentHasher.hash(copy, Set.of("runtime/secret.env")));
    assertThat(Files.readString(snapshot.resolve(SnapshotStore.SNAPSHOT_JSON)))
        .contains("runtime/secret.env")
        .doesNotContain(SENTINEL);
    assertThat(h.docker.container("web").orElseThrow().request.orElseThrow().env())
        .containsEntry("TOKEN", SENTINEL)
        .containsEntry("PASSWORD", SENTINEL + "-env");
  }

  @Test
  void secrets_neverAppearInReportsJsonEventsOrSnapshotMetadata() throws IOException {
    h.sops = new FakeSecretDecryptor().plaintext("secret.env", "TOKEN=" + SENTINEL + "\n");

    ReconcileReport report = h.reconcile(folderWithSecret(webUsingSecret()));

    assertThat(report.toString()).doesNotContain(SENTINEL);
    assertThat(PlanDocument.of(report).toJson()).doesNotContain(SENTINEL);
    assertThat(ReportDocument.of(report).toJson()).doesNotContain(SENTINEL);
    assertThat(h.events.all().toString()).doesNotContain(SENTINEL);
    assertThat(h.docker.container("web").orElseThrow().request.orElseThrow().toString())
        .doesNotContain(SENTINEL);
    Path snapshot = h.stateRoot.resolve(SnapshotStore.RUNNING_CONFIG).toRealPath();
    for (String meta :
        List.of(
            SnapshotStore.SNAPSHOT_JSON,
            SnapshotStore.RENDERED_MANIFEST,
            SnapshotStore.CONFIG_SHA256,
            SnapshotStore.GIT_REVISION,
            SnapshotStore.DEPLOYMENT_NAME)) {
      assertThat(Files.readString(snapshot.resolve(meta))).doesNotContain(SENTINEL);
    }
    assertThat(Files.readString(snapshot.resolve(SnapshotStore.RENDERED_MANIFEST)))
        .contains("PASSWORD: <redacted>");
  }

  @Test
  void secrets_neverAppearInFailureMessagesOrPartialReports() {
    h.sops = new FakeSecretDecryptor().plaintext("secret.env", "TOKEN=" + SENTINEL + "\n");
    h.docker.behaviour("web", FakeDockerHost.exitsImmediately());

    ReconcileException e = h.reconcileFails(folderWithSecret(webUsingSecret()));

    assertThat(e.getMessage()).doesNotContain(SENTINEL);
    assertThat(e.report().toString()).doesNotContain(SENTINEL);
    assertThat(ReportDocument.of(e.report()).toJson()).doesNotContain(SENTINEL);
  }

  @Test
  void decrypt_failureFailsBeforeTheHostIsTouched() {
    h.sops = new FakeSecretDecryptor().failing("secret.env");

    ReconcileException e = h.reconcileFails(folderWithSecret(container("web", WEB_V1)));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage()).contains("cannot decrypt runtime/secret.env", "MAC mismatch");
    assertThat(h.docker.calls()).isEmpty();
    assertThat(h.stateRoot.resolve(SnapshotStore.RUNNING_CONFIG)).doesNotExist();
  }

  @Test
  void decrypt_withoutDecryptorAndASopsFileFailsClearly() {
    ReconcileException e = h.reconcileFails(folderWithSecret(container("web", WEB_V1)));

    assertThat(e.status()).isEqualTo(ReconcileStatus.FAILED_BEFORE_CHANGES);
    assertThat(e.getMessage())
        .contains("runtime/secret.env is a SOPS file", "SOPS decryption is not configured");
    assertThat(h.docker.calls()).isEmpty();
  }

  @Test
  void decrypt_withoutDecryptorIsFineWhenThereIsNoSopsFile() {
    ReconcileReport report =
        h.reconcile(
            h.folder(descriptor("demo", container("web", WEB_V1)), Map.of("a.yaml", "sops: no\n")));

    assertThat(report.status()).isEqualTo(ReconcileStatus.SUCCEEDED);
    assertThat(report.hashes().orElseThrow().secretsHash())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void envFileErrors_neverQuoteAnInvalidNameThatMayBeASecret() {
    ContainerSpec web = ContainerSpec.builder("web", WEB_V1).envFiles(List.of("bad.env")).build();

    ReconcileException e =
        h.reconcileFails(
            h.folder(descriptor("demo", web), Map.of("bad.env", SENTINEL + "=value\n")));

    assertThat(e.getMessage()).contains("'bad.env' line 1", "not a valid variable name");
    assertThat(e.getMessage()).doesNotContain(SENTINEL);
    assertThat(ReportDocument.of(e.report()).toJson()).doesNotContain(SENTINEL);
  }

  @Test
  void envFileErrors_nameTheLineButNotItsContent() {
    ContainerSpec web = ContainerSpec.builder("web", WEB_V1).envFiles(List.of("bad.env")).build();

    ReconcileException e =
        h.reconcileFails(
            h.folder(descriptor("demo", web), Map.of("bad.env", "OK=1\n" + SENTINEL + "\n")));

    assertThat(e.getMessage()).contains("'bad.env' line 2", "expected NAME=VALUE");
    assertThat(e.getMessage()).doesNotContain(SENTINEL);
  }
}
