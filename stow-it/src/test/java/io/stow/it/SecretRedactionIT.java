package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileException;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.render.PlanDocument;
import io.stow.engine.render.ReportDocument;
import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.EmbeddedStow;
import io.stow.it.support.HostFacts;
import io.stow.it.support.SopsDotenv;
import io.stow.it.support.StowYaml;
import io.stow.it.support.StowYaml.Container;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import io.stow.sops.SopsDecryptor;
import io.stow.sops.SopsKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A secret in {@code env} and one in a SOPS-encrypted env file (age) reach the container, and
 * neither appears in anything stow renders: report JSON, plan JSON, events or exception messages,
 * on success, on a dry run and on a failure with rollback.
 */
class SecretRedactionIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private static final String ENV_SECRET = "sentinel-env-Q7xv93kLpz";
  private static final String FILE_SECRET = "sentinel-sops-Wm4t28RcJd";

  private final ImageRef image = TestImages.get().first();

  @TempDir Path temp;

  /** {@code app} prints the SHA-256 of both secrets, never the secrets themselves. */
  private DeploymentFolder folder(String name, String deployment, String then, String encrypted) {
    return DeploymentFolder.at(
            temp.resolve(name),
            StowYaml.deployment(deployment)
                .verify("4s", "1s")
                .container(
                    Container.of(docker.name(deployment + "-app"), image)
                        .env("API_TOKEN", ENV_SECRET)
                        .envFile("secrets.env")
                        .volume("secrets.env", "/run/secrets.env", true)
                        .shell(
                            "printf %s \"$API_TOKEN\" | sha256sum; printf %s \"$DB_PASSWORD\" |"
                                + " sha256sum; grep -c DB_PASSWORD= /run/secrets.env; "
                                + then)))
        .file("secrets.env", encrypted);
  }

  @Test
  void secretsFromEnvAndSopsFile_reachTheContainerButNoReportPlanEventOrMessage() throws Exception {
    String deployment = docker.name("secrets");
    SopsDotenv.AgeKey key = SopsDotenv.AgeKey.generate();
    Map<String, String> secretEnv = new LinkedHashMap<>();
    secretEnv.put("DB_PASSWORD", FILE_SECRET);
    String encrypted = SopsDotenv.encrypt(secretEnv, key.recipient());
    assertThat(encrypted).doesNotContain(FILE_SECRET);
    Path state = temp.resolve("state");
    EmbeddedStow stow =
        EmbeddedStow.withDecryptor(
            docker, state, new SopsDecryptor(SopsKeys.none().withAgeKey(key.identity())));
    List<String> rendered = new ArrayList<>();

    // dry run, then the real deployment
    DeploymentFolder good = folder("good", deployment, "exec sleep 3600", encrypted);
    ReconcileReport dry = stow.dryRun(good.path());
    rendered.add(PlanDocument.of(dry).toJson());
    rendered.add(ReportDocument.of(dry).toJson());
    ReconcileReport report = stow.reconcile(good.path());
    rendered.add(PlanDocument.of(report).toJson());
    rendered.add(ReportDocument.of(report).toJson());
    rendered.add(report.toString());

    // the secrets did reach the container, decrypted
    String appId =
        HostFacts.containers(docker, deployment).get(docker.name(deployment + "-app")).id();
    assertThat(docker.host().logTail(appId, 10))
        .contains(sha256(ENV_SECRET) + "  -", sha256(FILE_SECRET) + "  -", "1");
    String hash = report.hashes().orElseThrow().deploymentHash();
    Path snapshot = state.resolve(".stow/snapshots/" + hash);
    assertThat(Files.readString(snapshot.resolve("secrets.env")))
        .isEqualTo("DB_PASSWORD=" + FILE_SECRET + "\n");
    JsonNode meta = new ObjectMapper().readTree(snapshot.resolve(".stow-snapshot.json").toFile());
    assertThat(meta.path("secret_files").toString()).contains("secrets.env");
    assertThat(report.hashes().orElseThrow().secretsHash())
        .isEqualTo(sha256("secrets.env\0DB_PASSWORD=" + FILE_SECRET + "\n"));
    JsonNode plan = new ObjectMapper().readTree(PlanDocument.of(report).toJson());
    assertThat(plan.at("/desired/containers/0/env/API_TOKEN").asText()).isEqualTo("<redacted>");

    // a failing update with the same secrets, rolled back
    DeploymentFolder bad = folder("bad", deployment, "exit 4", encrypted);
    ReconcileException failure = stow.reconcileFailing(bad.path());
    assertThat(failure.status()).isEqualTo(ReconcileStatus.FAILED_ROLLED_BACK);
    rendered.add(ReportDocument.of(failure.report()).toJson());
    rendered.add(PlanDocument.of(failure.report()).toJson());
    rendered.add(failure.report().toString());
    for (Throwable t = failure; t != null; t = t.getCause()) {
      rendered.add(String.valueOf(t.getMessage()));
      rendered.add(t.toString());
    }
    for (ReconcileEvent event : stow.events()) {
      rendered.add(event.toString());
    }

    assertThat(rendered).hasSizeGreaterThan(10);
    assertThat(String.join("\n", rendered))
        .contains(docker.name(deployment + "-app"))
        .contains("API_TOKEN")
        .doesNotContain(ENV_SECRET)
        .doesNotContain(FILE_SECRET);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
