package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.HostFacts;
import io.stow.it.support.HttpsGitServer;
import io.stow.it.support.InProcessDaemon;
import io.stow.it.support.StowProcess;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestCa;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GitLab whose certificate comes from a private CA (a {@link TestCa} made for this run), reached
 * by the real CLI in its own process: {@code stow reconcile --config} and {@code stow daemon} with
 * and without {@code gitlabCaCert} (and the daemon deploying with it), the same key for an {@code
 * https://} Git remote served by {@code git http-backend}, and {@code stow suggest-image} with the
 * runner's {@code CI_SERVER_TLS_CA_FILE} or {@code --gitlab-ca-cert}. Without the CA the handshake
 * is refused with what to set; with it the host deploys on the real engine; a CA that did not sign
 * the certificate, or a certificate that does not name the host, is refused whatever else is
 * trusted.
 */
class GitLabPrivateCaIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private static final String TOKEN = "glpat-SENTINEL-private-ca-5e71";
  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration CONVERGE = Duration.ofSeconds(120);
  private static final String SERVER = "subject \"" + TestCa.SERVER_SUBJECT + "\"";
  private static final String ISSUER = "issued by \"" + TestCa.CA_SUBJECT + "\"";

  private final ImageRef image = TestImages.get().first();
  private final TestCa ca = new TestCa();
  private final TestCa otherCa = new TestCa();
  private final List<FakeGitLab> gitlabs = new ArrayList<>();
  private final List<AutoCloseable> servers = new ArrayList<>();
  private final List<String> outputs = new ArrayList<>();
  private int runs;

  @TempDir Path temp;

  @AfterEach
  void noTokenAnywhere_andEverythingStopped() throws Exception {
    try {
      for (FakeGitLab gitlab : gitlabs) {
        outputs.add(gitlab.requests().toString());
      }
      assertThat(outputs).allSatisfy(o -> assertThat(o).doesNotContain(TOKEN));
    } finally {
      gitlabs.forEach(FakeGitLab::close);
      for (AutoCloseable server : servers) {
        server.close();
      }
    }
  }

  @Test
  void reconcile_refusesTheCertificate_untilGitlabCaCertNamesItsCa() {
    FakeGitLab gitlab = gitlab(ca);
    String deployment = docker.name("private-ca");
    String web = docker.name(deployment + "-web");
    String v1 =
        project(gitlab).commit("main", "v1", Map.of("host-1/stow.yaml", yaml(deployment, web)));

    Path plain = config(gitlab, "etc-plain").write();
    StowProcess.Result untrusted =
        stow("untrusted", Map.of(), "reconcile", "--config", plain.toString());
    assertThat(untrusted.exitCode()).as("%s", untrusted).isEqualTo(1);
    assertThat(untrusted.stderr())
        .contains("TLS failed: the server's certificate (" + SERVER + ", " + ISSUER + ")")
        .contains("is not trusted by the Java runtime's CAs")
        .contains("if it comes from a private CA, set gitlabCaCert in " + plain);

    Path other =
        config(gitlab, "etc-other")
            .file("gitlab-ca.pem", otherCa.caPem())
            .set("gitlabCaCert", "gitlab-ca.pem")
            .write();
    StowProcess.Result wrongCa =
        stow("wrong-ca", Map.of(), "reconcile", "--config", other.toString());
    Path otherFile = other.getParent().resolve("gitlab-ca.pem");
    assertThat(wrongCa.exitCode()).as("%s", wrongCa).isEqualTo(1);
    assertThat(wrongCa.stderr())
        .contains(SERVER)
        .contains("is not trusted by the CAs of " + otherFile + " or the Java runtime's CAs")
        .contains("check that " + otherFile + " holds the certificate of the CA that signed it");
    assertThat(gitlab.requests()).as("no request got through a handshake").isEmpty();
    assertThat(HostFacts.containers(docker, deployment)).as("nothing deployed").isEmpty();

    Path trusted =
        config(gitlab, "etc-trusted")
            .file("gitlab-ca.pem", ca.caPem())
            .set("gitlabCaCert", "gitlab-ca.pem")
            .write();
    StowProcess.Result deployed =
        stow("trusted", Map.of(), "reconcile", "--config", trusted.toString());
    assertThat(deployed.exitCode()).as("%s", deployed).isZero();
    assertThat(HostFacts.containers(docker, deployment).get(web).image())
        .isEqualTo(image.toString());
    assertThat(temp.resolve("state/running-config/.git-revision")).hasContent(v1);
  }

  @Test
  void theDaemon_deploysFromThePrivateCaGitLab_andLogsWhichCasItTrusts() {
    FakeGitLab gitlab = gitlab(ca);
    String deployment = docker.name("private-ca-daemon");
    String web = docker.name(deployment + "-web");
    project(gitlab).commit("main", "v1", Map.of("host-1/stow.yaml", yaml(deployment, web)));
    Path config =
        config(gitlab, "etc-daemon")
            .file("gitlab-ca.pem", ca.caPem())
            .set("gitlabCaCert", "gitlab-ca.pem")
            .write();

    try (InProcessDaemon daemon = InProcessDaemon.start(config, docker)) {
      JsonNode idle = daemon.client().awaitIdle(CONVERGE);

      assertThat(idle.path("last_result").asText()).as("%s", idle).isEqualTo("ok");
      assertThat(daemon.log())
          .contains(
              "trusting the CA certificates of "
                  + config.getParent().resolve("gitlab-ca.pem")
                  + " ["
                  + TestCa.CA_SUBJECT
                  + "]");
      outputs.add(daemon.log());
    }
    assertThat(HostFacts.containers(docker, deployment).get(web).image())
        .isEqualTo(image.toString());
  }

  @Test
  void anUnusableGitlabCaCert_stopsTheDaemonBeforeItStarts_namingTheLineAndTheKey() {
    FakeGitLab gitlab = gitlab(ca);
    Path config =
        config(gitlab, "etc-broken")
            .file("gitlab-ca.pem", "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n")
            .set("gitlabCaCert", "gitlab-ca.pem")
            .write();

    StowProcess.Result daemon = stow("daemon", Map.of(), "daemon", "--config", config.toString());
    StowProcess.Result reconcile =
        stow("reconcile", Map.of(), "reconcile", "--config", config.toString());

    for (StowProcess.Result result : List.of(daemon, reconcile)) {
      assertThat(result.exitCode()).as("%s", result).isNotZero();
      assertThat(result.stderr())
          .as("%s", result)
          .containsPattern(
              config
                  + ":\\d+:\\d+: gitlabCaCert: the CA file it names is unusable: certificate 1"
                  + " \\(line 1\\) has no -----END CERTIFICATE----- line");
    }
    assertThat(gitlab.requests()).isEmpty();
  }

  @Test
  void anHttpsGitRemote_isTrustedWithTheSameKey_andAGitConfigCannotTurnTheCheckOff()
      throws Exception {
    HttpsGitServer server = HttpsGitServer.start(temp.resolve("repos"), ca.serverContext());
    servers.add(server);
    String deployment = docker.name("git-https");
    String web = docker.name(deployment + "-web");
    String v1 = pushRepository("deploy.git", Map.of("host-1/stow.yaml", yaml(deployment, web)));
    // a Git configuration that JGit reads and that would skip certificate checks
    Path home = Files.createDirectories(temp.resolve("home"));
    Files.writeString(home.resolve(".gitconfig"), "[http]\n\tsslVerify = false\n");
    Map<String, String> env =
        Map.of("HOME", home.toString(), "JAVA_TOOL_OPTIONS", "-Duser.home=" + home);

    Path plain = gitConfig(server.url("deploy.git"), "etc-git-plain").write();
    StowProcess.Result untrusted =
        stow("git-untrusted", env, "reconcile", "--config", plain.toString());
    assertThat(untrusted.exitCode()).as("%s", untrusted).isEqualTo(1);
    assertThat(untrusted.stderr())
        .contains("Git remote " + server.url("deploy.git"))
        .contains("TLS failed: the server's certificate (" + SERVER + ", " + ISSUER + ")")
        .contains("set gitlabCaCert in " + plain);
    assertThat(server.requests()).as("no request got through a handshake").isZero();

    Path trusted =
        gitConfig(server.url("deploy.git"), "etc-git-trusted")
            .file("gitlab-ca.pem", ca.caPem())
            .set("gitlabCaCert", "gitlab-ca.pem")
            .write();
    StowProcess.Result deployed =
        stow("git-trusted", env, "reconcile", "--config", trusted.toString());
    assertThat(deployed.exitCode()).as("%s", deployed).isZero();
    assertThat(HostFacts.containers(docker, deployment).get(web).image())
        .isEqualTo(image.toString());
    assertThat(temp.resolve("state/running-config/.git-revision")).hasContent(v1);
  }

  @Test
  void theHostNameIsStillChecked_whenItsCaIsTrusted() throws Exception {
    TestCa elsewhere = new TestCa("gitlab.example.invalid");
    FakeGitLab gitlab = gitlab(elsewhere);
    HttpsGitServer git = HttpsGitServer.start(temp.resolve("repos"), elsewhere.serverContext());
    servers.add(git);
    pushRepository("deploy.git", Map.of("host-1/stow.yaml", yaml("unused", "unused-web")));

    Path api =
        config(gitlab, "etc-api")
            .file("gitlab-ca.pem", elsewhere.caPem())
            .set("gitlabCaCert", "gitlab-ca.pem")
            .write();
    Path remote =
        gitConfig(git.url("deploy.git"), "etc-remote")
            .file("gitlab-ca.pem", elsewhere.caPem())
            .set("gitlabCaCert", "gitlab-ca.pem")
            .write();
    StowProcess.Result viaApi = stow("host-api", Map.of(), "reconcile", "--config", api.toString());
    StowProcess.Result viaGit =
        stow("host-git", Map.of(), "reconcile", "--config", remote.toString());

    assertThat(viaApi.exitCode()).as("%s", viaApi).isEqualTo(1);
    assertThat(viaApi.stderr())
        .contains("TLS failed: GitLab's certificate is not valid for the host 127.0.0.1");
    assertThat(viaGit.exitCode()).as("%s", viaGit).isEqualTo(1);
    assertThat(viaGit.stderr())
        .contains("Git remote " + git.url("deploy.git"))
        .contains("No subject alternative names matching IP address 127.0.0.1");
    assertThat(gitlab.requests()).isEmpty();
    assertThat(git.requests()).isZero();
  }

  @Test
  void suggestImage_trustsTheRunnersCaFile_andTheOptionWinsOverIt() throws Exception {
    FakeGitLab gitlab = gitlab(ca);
    String web = "registry.example.com/apps/web";
    FakeProject project = project(gitlab);
    project.commit(
        "main",
        "seed",
        Map.of(
            "host-a/stow.yaml",
            "deployment:\n  name: host-a\ncontainers:\n  - name: web\n    image: "
                + web
                + ":1.0@sha256:"
                + "1".repeat(64)
                + "\n"));
    Path runnerCa = ca.writeCaPem(temp.resolve("runner-ca.pem"));
    Path wrongCa = otherCa.writeCaPem(temp.resolve("wrong-ca.pem"));
    Map<String, String> ci = new LinkedHashMap<>();
    ci.put("CI_API_V4_URL", gitlab.apiUrl());
    ci.put("GITLAB_ACCESS_TOKEN", TOKEN);
    String[] suggest = {
      "suggest-image",
      "--project",
      "ops/deployments",
      "--subfolder",
      "host-a",
      "--container",
      "web",
      "--image",
      web + ":1.1",
      "--digest",
      "sha256:" + "2".repeat(64)
    };

    StowProcess.Result untrusted = stow("suggest-untrusted", ci, suggest);
    assertThat(untrusted.exitCode()).as("%s", untrusted).isEqualTo(1);
    assertThat(untrusted.stderr())
        .contains("TLS failed: the server's certificate (" + SERVER)
        .contains("--gitlab-ca-cert FILE")
        .contains("CI_SERVER_TLS_CA_FILE");
    assertThat(gitlab.requests()).isEmpty();

    ci.put("CI_SERVER_TLS_CA_FILE", runnerCa.toString());
    List<String> withWrong = new ArrayList<>(List.of(suggest));
    withWrong.addAll(List.of("--gitlab-ca-cert", wrongCa.toString()));
    StowProcess.Result wrong = stow("suggest-wrong", ci, withWrong.toArray(String[]::new));
    assertThat(wrong.exitCode()).as("%s", wrong).isEqualTo(1);
    assertThat(wrong.stderr()).contains("is not trusted by the CAs of " + wrongCa);
    assertThat(gitlab.requests()).isEmpty();

    StowProcess.Result created = stow("suggest-trusted", ci, suggest);
    assertThat(created.exitCode()).as("%s", created).isZero();
    assertThat(created.stdout()).contains("created merge request");
    assertThat(project.head("suggest/host-a-web")).isPresent();
  }

  private FakeGitLab gitlab(TestCa serverCa) {
    FakeGitLab gitlab = FakeGitLab.startTls(serverCa.serverContext());
    gitlabs.add(gitlab);
    gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", true);
    return gitlab;
  }

  private static FakeProject project(FakeGitLab gitlab) {
    return gitlab.createProject("ops/deployments").member("host-bot");
  }

  private DaemonConfigDir config(FakeGitLab gitlab, String dir) {
    return DaemonConfigDir.at(
        temp.resolve(dir), gitlab, "ops/deployments", TOKEN, "host-1", temp.resolve("state"));
  }

  private DaemonConfigDir gitConfig(String url, String dir) {
    return DaemonConfigDir.git(temp.resolve(dir), url, "host-1", temp.resolve("state"));
  }

  private String yaml(String deployment, String container) {
    return StowYaml.deployment(deployment)
        .verify("20s", "1s")
        .container(StowYaml.Container.of(container, image).command("sleep", "3600"))
        .render();
  }

  /** A bare repository {@code repos/<name>} whose {@code main} holds {@code files}; its head. */
  private String pushRepository(String name, Map<String, String> files) throws Exception {
    Path bare = temp.resolve("repos").resolve(name);
    Git.init().setBare(true).setInitialBranch("main").setDirectory(bare.toFile()).call().close();
    Path work = temp.resolve("work-" + name);
    try (Git git = Git.init().setInitialBranch("main").setDirectory(work.toFile()).call()) {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = work.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
      }
      git.add().addFilepattern(".").call();
      String head =
          git.commit().setMessage("deploy").setAuthor("ops", "ops@example.com").call().getName();
      git.push().setRemote(bare.toUri().toString()).add("main").call();
      return head;
    }
  }

  private StowProcess.Result stow(String label, Map<String, String> env, String... args) {
    StowProcess.Result result =
        StowProcess.run(temp.resolve("logs"), label + "-" + ++runs, CLI_TIMEOUT, temp, env, args);
    outputs.add(result.toString());
    return result;
  }
}
