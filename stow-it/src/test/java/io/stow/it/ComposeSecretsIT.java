package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileReport;
import io.stow.engine.render.PlanDocument;
import io.stow.engine.render.ReportDocument;
import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.EmbeddedStow;
import io.stow.it.support.SopsDotenv;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.sops.SopsDecryptor;
import io.stow.sops.SopsKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Compose project whose {@code .env} and secret file are SOPS-encrypted in the repository: the
 * container reads the plaintext secret at {@code /run/secrets/<name>} and the interpolated value,
 * while the folder keeps only ciphertext and nothing stow renders (report and plan JSON, the
 * rendered manifest, events) shows either value, also where the value was interpolated into a
 * command.
 */
class ComposeSecretsIT {

  private static final String ENV_SECRET = "env-S3NTINEL-4711";
  private static final String FILE_SECRET = "file-S3NTINEL-0815";

  @RegisterExtension static final TestDocker docker = new TestDocker();

  @TempDir Path tmp;

  @Test
  void sopsSecretsReachTheContainerAndNothingRenderedShowsThem() throws Exception {
    SopsDotenv.AgeKey key = SopsDotenv.AgeKey.generate();
    String project = docker.name("vault");
    String dotenv = SopsDotenv.encrypt(Map.of("API_TOKEN", ENV_SECRET), key.recipient());
    String secretFile = SopsDotenv.encrypt(Map.of("DB_PASSWORD", FILE_SECRET), key.recipient());
    DeploymentFolder folder =
        DeploymentFolder.at(tmp.resolve("vault"))
            .file(
                "compose.yaml",
                """
                name: %s
                x-stow:
                  verify: {timeout: 30s, stable: 1s}
                services:
                  app:
                    image: %s
                    command:
                      - sh
                      - -c
                      - "sha256sum /run/secrets/db_password; echo ${API_TOKEN} | sha256sum; exec sleep 3600"
                    environment:
                      API_TOKEN: ${API_TOKEN}
                    secrets: [db_password]
                secrets:
                  db_password:
                    file: ./secrets/db_password.env
                """
                    .formatted(project, TestImages.get().first()))
            .file(".env", dotenv)
            .file("secrets/db_password.env", secretFile);
    Path state = tmp.resolve("state");
    EmbeddedStow stow =
        EmbeddedStow.withDecryptor(
            docker, state, new SopsDecryptor(SopsKeys.none().withAgeKey(key.identity())));

    ReconcileReport report = stow.reconcile(folder.path());

    String id = docker.client().inspectContainerCmd(project + "-app-1").exec().getId();
    String fileHash = sha256("DB_PASSWORD=" + FILE_SECRET + "\n");
    String envHash = sha256(ENV_SECRET + "\n");
    docker.await(
        id,
        "done writing its hashes",
        java.time.Duration.ofSeconds(10),
        s -> docker.host().logTail(id, 10).size() >= 2);
    assertThat(docker.host().logTail(id, 10))
        .anySatisfy(l -> assertThat(l).startsWith(fileHash + "  /run/secrets/db_password"))
        .anySatisfy(l -> assertThat(l).startsWith(envHash));
    var mounts = docker.client().inspectContainerCmd(id).exec().getMounts();
    assertThat(mounts)
        .anySatisfy(
            m -> {
              assertThat(m.getDestination().getPath()).isEqualTo("/run/secrets/db_password");
              assertThat(m.getRW()).isFalse();
            });
    assertThat(Files.readString(folder.path().resolve("secrets/db_password.env")))
        .doesNotContain(FILE_SECRET);
    assertThat(Files.readString(folder.path().resolve(".env"))).doesNotContain(ENV_SECRET);

    List<String> rendered = new ArrayList<>();
    rendered.add(ReportDocument.of(report).toJson());
    rendered.add(PlanDocument.of(report).toJson());
    rendered.add(report.toString());
    String hash = report.hashes().orElseThrow().deploymentHash();
    rendered.add(
        Files.readString(
            state.resolve(".stow/snapshots/" + hash + "/.stow-rendered-manifest.yaml"),
            StandardCharsets.UTF_8));
    for (ReconcileEvent event : stow.events()) {
      rendered.add(event.toString());
    }
    assertThat(String.join("\n", rendered))
        .contains(project + "-app-1", "API_TOKEN", "<redacted>")
        .doesNotContain(ENV_SECRET)
        .doesNotContain(FILE_SECRET);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
