package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.daemon.DaemonSettings;
import io.stow.it.ci.MergeTemplate;
import io.stow.it.ci.RecordingDaemons;
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.support.DaemonClient;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.Distributions;
import io.stow.it.support.HostFacts;
import io.stow.it.support.InProcessDaemon;
import io.stow.it.support.Shell;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestCa;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The script of stow-merge-gitlab-ci.yaml, as {@link MergePipelineIT} runs it (dash, real git and
 * curl), in a clone of the deployment repository that a real daemon deploys from: after a merge
 * that changes the daemon's folder, it triggers that daemon over HTTPS with a private CA, which
 * deploys the commit; the wait variant follows the next merge until the host runs it. A folder the
 * merge did not change is not triggered.
 */
class MergePipelineDaemonIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  static final String TOKEN = "glpat-SENTINEL-pipeline-0b8e";
  static final String TRIGGER = "trigger-SENTINEL-pipeline-6d2f9a";
  static final Duration CONVERGE = Duration.ofSeconds(120);

  final ImageRef image1 = TestImages.get().first();
  final ImageRef image2 = TestImages.get().second();
  final FakeGitLab gitlab = FakeGitLab.start();
  final FakeProject project;
  final RecordingDaemons others = new RecordingDaemons();
  final MergeTemplate template = MergeTemplate.read();
  final TestCa ca = new TestCa();
  InProcessDaemon daemon;

  @TempDir Path temp;

  MergePipelineDaemonIT() {
    gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", false);
    project = gitlab.createProject("ops/deployments").member("host-bot");
  }

  @AfterEach
  void stop() {
    try {
      if (daemon != null) {
        daemon.close();
        assertThat(daemon.log()).doesNotContain("SENTINEL");
      }
    } finally {
      others.close();
      gitlab.close();
    }
  }

  @Test
  void aMergeChangingTheHostsFolder_triggersItsRealDaemon_whichDeploysIt_andTheWaitVariantWaits()
      throws IOException {
    int port = freePort();
    String url = "https://127.0.0.1:" + port + "/";
    String deployment = docker.name("pipeline");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit(
            "main",
            "v1",
            Map.of(
                "host-1/stow.yaml", yaml(deployment, web, image1, url, "1"),
                "host-2/stow.yaml",
                    StowYaml.deployment("other").daemonBaseUrl(others.url("host-2")).render()));
    Path config =
        DaemonConfigDir.at(
                temp.resolve("etc"),
                gitlab,
                "ops/deployments",
                TOKEN,
                "host-1",
                temp.resolve("state"))
            .set("listen", "127.0.0.1:" + port)
            .set("triggerToken", TRIGGER)
            .tls(ca)
            .write();
    Path caPem = ca.writeCaPem(temp.resolve("ca.pem"));
    daemon =
        InProcessDaemon.start(
            config, docker, DaemonSettings.defaults(), Optional.of(ca.clientContext()));
    DaemonClient client = daemon.client();
    client.awaitIdle(CONVERGE);
    assertThat(client.status(v1).path("state").asText()).isEqualTo("running");

    // a merge that changes host-1's folder: the plain job triggers host-1's daemon only
    String v2 =
        project.commit(
            "main", "v2", Map.of("host-1/stow.yaml", yaml(deployment, web, image2, url, "2")));
    Path checkout = checkout(v2);
    long before = daemon.logLines("reconcile started (trigger " + v2 + ")");

    Shell.Result run = runScript(checkout, v1, v2, Map.of("STOW_CACERT", caPem.toString()));

    assertThat(run.exitCode()).as("%s", run).isZero();
    String base = "https://127.0.0.1:" + port;
    assertThat(run.output())
        .contains("host-1: daemon " + base + "\n")
        .contains("triggered " + base + " (202)")
        .doesNotContain(TRIGGER);
    assertThat(others.requests()).as("host-2 did not change").isEmpty();
    JsonNode deployed =
        client.awaitStatus(
            v2,
            "running",
            CONVERGE,
            s ->
                s.path("phase").asText().equals("idle")
                    && s.path("state").asText().equals("running"));
    assertThat(deployed.path("snapshot").path("revision").asText()).isEqualTo(v2);
    assertThat(daemon.logLines("reconcile started (trigger " + v2 + ")") - before).isEqualTo(1);
    assertThat(HostFacts.containers(docker, deployment).get(web).image())
        .isEqualTo(image2.toString());

    // the next merge, with the wait variant: stow trigger --wait until the host runs it
    String v3 =
        project.commit(
            "main", "v3", Map.of("host-1/stow.yaml", yaml(deployment, web, image1, url, "3")));
    checkout = checkout(v3);
    Map<String, String> wait = new HashMap<>(template.variables(".stow-trigger-wait"));
    wait.put("STOW_BIN", Distributions.singleFile().toString());
    wait.put("JAVA_HOME", Distributions.javaHome().toString());
    wait.put("STOW_CACERT", Files.readString(caPem));

    Shell.Result waited = runScript(checkout, v2, v3, wait);

    assertThat(waited.exitCode()).as("%s", waited).isZero();
    assertThat(waited.output())
        .contains("the host runs " + v3.substring(0, 12))
        .doesNotContain(TRIGGER);
    assertThat(client.status(v3).path("state").asText()).isEqualTo("running");
    assertThat(others.requests()).isEmpty();
  }

  static String yaml(String deployment, String web, ImageRef image, String url, String version) {
    return StowYaml.deployment(deployment)
        .daemonBaseUrl(url)
        .verify("30s", "1s")
        .container(StowYaml.Container.of(web, image).command("sleep", "3600").env("V", version))
        .render();
  }

  /** A fresh clone of the deployment repository at {@code sha}, as a GitLab runner checks out. */
  Path checkout(String sha) {
    Path dir = temp.resolve("ci-" + sha.substring(0, 8));
    git(temp, "clone", "-q", project.repository().toString(), dir.toString());
    git(dir, "checkout", "-q", "--detach", sha);
    return dir;
  }

  /** The job's script; the wait variant differs by its variables ({@code extra}). */
  Shell.Result runScript(Path checkout, String before, String sha, Map<String, String> extra)
      throws IOException {
    Path script =
        Files.writeString(
            temp.resolve("job-" + sha.substring(0, 8) + ".sh"), template.script(".stow-trigger"));
    Map<String, String> env = Distributions.environment("/usr/local/bin:/usr/bin:/bin", temp);
    env.putAll(template.variables(".stow-trigger"));
    env.put("STOW_TRIGGER_BACKOFF", "1");
    env.put("STOW_TRIGGER_TOKEN", TRIGGER);
    env.put("CI_COMMIT_SHA", sha);
    env.put("CI_COMMIT_BEFORE_SHA", before);
    env.put("CI_COMMIT_BRANCH", "main");
    env.put("CI_DEFAULT_BRANCH", "main");
    env.putAll(extra);
    Shell.Result result =
        new Shell(temp.resolve("logs"))
            .run(checkout, env, Duration.ofMinutes(4), List.of("dash", "-e", script.toString()));
    System.out.println(result);
    return result;
  }

  void git(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Map<String, String> env = Distributions.environment("/usr/bin:/bin", temp);
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    Shell.Result result =
        new Shell(temp.resolve("logs")).run(dir, env, Duration.ofMinutes(1), command);
    assertThat(result.exitCode()).as("git %s: %s", List.of(args), result).isZero();
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
