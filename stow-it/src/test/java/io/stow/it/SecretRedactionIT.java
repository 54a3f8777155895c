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
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.support.DaemonClient;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.DeploymentFolder;
import io.stow.it.support.EmbeddedStow;
import io.stow.it.support.HostFacts;
import io.stow.it.support.InProcessDaemon;
import io.stow.it.support.SopsDotenv;
import io.stow.it.support.StowYaml;
import io.stow.it.support.StowYaml.Container;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import io.stow.sops.SopsDecryptor;
import io.stow.sops.SopsKeys;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
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
  private static final String GITLAB_TOKEN = "glpat-sentinel-redaction-3f9a";

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

  /**
   * The same secrets deployed by {@code stow daemon} from GitLab, then a failing update with them:
   * no answer of the daemon (status with and without a head, badges, the page at {@code /}, {@code
   * /metrics}, trigger answers), no log line and no file of the state directory outside the
   * snapshots holds either plaintext.
   */
  @Test
  void aDaemonDeployingAndFailingWithSecrets_showsThemInNoAnswerLogOrStateFile() throws Exception {
    String deployment = docker.name("dsecrets");
    String app = docker.name(deployment + "-app");
    SopsDotenv.AgeKey key = SopsDotenv.AgeKey.generate();
    String encrypted = SopsDotenv.encrypt(Map.of("DB_PASSWORD", FILE_SECRET), key.recipient());
    FakeGitLab gitlab = FakeGitLab.start();
    InProcessDaemon daemon = null;
    List<String> answers = new ArrayList<>();
    try {
      gitlab.user(3, "host-bot").accessToken(GITLAB_TOKEN, "host-bot", false);
      FakeProject project = gitlab.createProject("ops/deployments").member("host-bot");
      String v1 =
          project.commit(
              "main", "v1", folderFiles(folder("d1", deployment, "exec sleep 3600", encrypted)));
      Path state = temp.resolve("state");
      Path etc = temp.resolve("etc");
      Files.createDirectories(etc);
      Files.writeString(etc.resolve("age.key"), key.identity() + "\n");
      Path config =
          DaemonConfigDir.at(etc, gitlab, "ops/deployments", GITLAB_TOKEN, "host-1", state)
              .set("keys", "age.key")
              .write();
      daemon = InProcessDaemon.start(config, docker);
      DaemonClient client = daemon.client();
      client.awaitIdle(Duration.ofSeconds(120));
      JsonNode deployed = client.status(v1);
      assertThat(deployed.path("state").asText()).as("%s", deployed).isEqualTo("running");
      assertThat(docker.host().logTail(HostFacts.containers(docker, deployment).get(app).id(), 10))
          .as("the secrets reached the container")
          .contains(sha256(ENV_SECRET) + "  -", sha256(FILE_SECRET) + "  -");
      answers.addAll(surfaces(client, v1));

      String v2 =
          project.commit("main", "v2", folderFiles(folder("d2", deployment, "exit 4", encrypted)));
      HttpResponse<String> triggered = client.trigger(v2);
      assertThat(triggered.statusCode()).isEqualTo(202);
      answers.add(triggered.body());
      JsonNode failed =
          client.awaitIdle(
              "the failed update",
              Duration.ofSeconds(120),
              s -> s.path("last_result").asText().equals("error"));
      assertThat(failed.path("last_error").asText()).as("%s", failed).contains("rolled back");
      answers.addAll(surfaces(client, v1));
      answers.addAll(surfaces(client, v2));

      String everything = String.join("\n", answers) + "\n" + daemon.log();
      assertThat(everything)
          .contains(app)
          .contains(v2)
          .doesNotContain(ENV_SECRET)
          .doesNotContain(FILE_SECRET)
          .doesNotContain(GITLAB_TOKEN);
      List<Path> outsideSnapshots = filesOutsideSnapshots(state);
      assertThat(outsideSnapshots).isNotEmpty();
      for (Path file : outsideSnapshots) {
        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        assertThat(content).as("%s", file).doesNotContain(ENV_SECRET).doesNotContain(FILE_SECRET);
      }
      assertThat(state.resolve(".stow/staging")).isEmptyDirectory();
    } finally {
      try {
        if (daemon != null) {
          daemon.close();
        }
      } finally {
        gitlab.close();
      }
    }
  }

  /** Every read-only answer of the daemon that could show a deployment's details. */
  private static List<String> surfaces(DaemonClient client, String commit) {
    List<String> bodies = new ArrayList<>();
    for (String path :
        List.of(
            "/status",
            "/status?head_hash=" + commit,
            "/gitlab.svg?git_hash=" + commit,
            "/",
            "/metrics",
            "/healthz")) {
      HttpResponse<String> response = client.get(path);
      bodies.add(
          path
              + " "
              + response.statusCode()
              + " "
              + response.headers().map()
              + "\n"
              + response.body());
    }
    HttpResponse<String> metrics = client.get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("stow_triggers_total");
    HttpResponse<String> page =
        client.send(client.request("/").header("Accept", "text/html,application/xhtml+xml"));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).containsIgnoringCase("<html");
    bodies.add(page.body());
    return bodies;
  }

  /** The deployment folder as the files of a commit under {@code host-1/}. */
  private static Map<String, String> folderFiles(DeploymentFolder folder) throws Exception {
    Map<String, String> files = new LinkedHashMap<>();
    try (var paths = Files.walk(folder.path())) {
      for (Path file : paths.filter(Files::isRegularFile).toList()) {
        files.put(
            "host-1/" + folder.path().relativize(file).toString().replace('\\', '/'),
            Files.readString(file));
      }
    }
    return files;
  }

  /**
   * Every regular file of the state root, except what the snapshots hold (decrypted on purpose).
   */
  private static List<Path> filesOutsideSnapshots(Path state) throws Exception {
    Path snapshots = state.resolve(".stow/snapshots");
    try (var paths = Files.walk(state)) {
      return paths
          .filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .filter(p -> !p.startsWith(snapshots))
          .toList();
    }
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
