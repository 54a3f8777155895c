package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.daemon.DaemonSettings;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged single-file {@code stow trigger} as a pipeline runs it, against a real daemon that
 * serves HTTPS with the certificate of a private CA and reconciles the real Docker engine from the
 * fake GitLab: {@code --wait} follows a deployment until it runs, and one that fails until the
 * daemon gives its reason; TLS without the CA and an unreachable daemon fail clearly.
 */
class TriggerWaitIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  static final String TOKEN = "glpat-SENTINEL-trigger-wait-7a1c";
  static final String TRIGGER = "trigger-SENTINEL-wait-44f0a1b2c3";
  static final Duration CONVERGE = Duration.ofSeconds(120);
  static final Pattern RETRY = Pattern.compile("retrying in \\d+ ms \\(attempt (\\d) of 3\\)");

  final ImageRef image1 = TestImages.get().first();
  final ImageRef image2 = TestImages.get().second();
  final FakeGitLab gitlab = FakeGitLab.start();
  final FakeProject project;
  final TestCa ca = new TestCa();
  final List<InProcessDaemon> daemons = new ArrayList<>();

  @TempDir Path temp;
  Path caPem;
  Path tokenFile;

  TriggerWaitIT() {
    gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", false);
    project = gitlab.createProject("ops/deployments").member("host-bot");
  }

  @BeforeEach
  void files() throws IOException {
    caPem = ca.writeCaPem(temp.resolve("ca.pem"));
    tokenFile = Files.writeString(temp.resolve("trigger-token"), TRIGGER + "\n");
  }

  @AfterEach
  void stop() {
    try {
      for (InProcessDaemon daemon : daemons) {
        daemon.close();
        assertThat(daemon.log()).doesNotContain("SENTINEL");
      }
    } finally {
      gitlab.close();
    }
  }

  String yaml(String deployment, String web, ImageRef image) {
    return StowYaml.deployment(deployment)
        .verify("30s", "1s")
        .container(StowYaml.Container.of(web, image).command("sleep", "3600"))
        .render();
  }

  /** A daemon over HTTPS with the CA's server certificate, after it deployed {@code v1}. */
  DaemonClient daemon(String v1) {
    Path config =
        DaemonConfigDir.at(
                temp.resolve("etc"),
                gitlab,
                "ops/deployments",
                TOKEN,
                "host-1",
                temp.resolve("state"))
            .set("triggerToken", TRIGGER)
            .tls(ca)
            .write();
    InProcessDaemon daemon =
        InProcessDaemon.start(
            config, docker, DaemonSettings.defaults(), Optional.of(ca.clientContext()));
    daemons.add(daemon);
    DaemonClient client = daemon.client();
    client.awaitIdle(CONVERGE);
    assertThat(client.status(v1).path("state").asText()).isEqualTo("running");
    return client;
  }

  Shell.Result stow(Map<String, String> extraEnv, String... args) {
    Map<String, String> env = Distributions.environment("/usr/bin:/bin", temp);
    env.put("JAVA_HOME", Distributions.javaHome().toString());
    env.putAll(extraEnv);
    List<String> command = new ArrayList<>();
    command.add(Distributions.singleFile().toString());
    command.addAll(List.of(args));
    return new Shell(temp.resolve("logs")).run(temp, env, Duration.ofMinutes(4), command);
  }

  @Test
  void wait_withTheTestCa_followsTheDeploymentUntilTheHostRunsIt() {
    String deployment = docker.name("wait");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit("main", "v1", Map.of("host-1/stow.yaml", yaml(deployment, web, image1)));
    DaemonClient client = daemon(v1);
    String v2 =
        project.commit("main", "v2", Map.of("host-1/stow.yaml", yaml(deployment, web, image2)));

    Shell.Result run =
        stow(
            Map.of(),
            "trigger",
            "--url",
            client.baseUrl() + "/",
            "--head-hash",
            v2,
            "--token-file",
            tokenFile.toString(),
            "--cacert",
            caPem.toString(),
            "--wait",
            "--timeout",
            "2m");

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(run.stdout())
        .contains("triggered " + v2.substring(0, 12))
        .contains("waiting up to 2m for the host to run " + v2.substring(0, 12))
        .contains("the host runs " + v2.substring(0, 12));
    assertThat(run.output()).doesNotContain(TRIGGER);
    assertThat(HostFacts.containers(docker, deployment).get(web).image())
        .isEqualTo(image2.toString());
    assertThat(client.status(v2).path("state").asText()).isEqualTo("running");

    // STOW_CACERT does what --cacert does
    Shell.Result viaEnvironment =
        stow(
            Map.of("STOW_CACERT", caPem.toString()),
            "trigger",
            "--url",
            client.baseUrl(),
            "--head-hash",
            v2,
            "--token-file",
            tokenFile.toString());
    assertThat(viaEnvironment.exitCode()).as("%s", viaEnvironment).isZero();
  }

  @Test
  void withoutTheCa_theTriggerFails_namingTheRefusedCertificateAndHowToPassTheCa() {
    String deployment = docker.name("tls");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit("main", "v1", Map.of("host-1/stow.yaml", yaml(deployment, web, image1)));
    DaemonClient client = daemon(v1);

    Shell.Result run =
        stow(
            Map.of(),
            "trigger",
            "--url",
            client.baseUrl(),
            "--head-hash",
            v1,
            "--token-file",
            tokenFile.toString(),
            "--wait");

    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    assertThat(run.stderr())
        .contains("POST " + client.baseUrl() + "/trigger?head_hash=" + v1)
        .contains("TLS: the server's certificate (subject")
        .contains("is not trusted by the Java runtime's CAs")
        .contains("subject \"" + TestCa.SERVER_SUBJECT + "\"")
        .contains("issued by \"" + TestCa.CA_SUBJECT + "\"")
        .contains("--cacert FILE or STOW_CACERT=FILE")
        .doesNotContain("retrying")
        .doesNotContain("Exception");
    assertThat(daemons.get(0).logLines("reconcile started")).as("no trigger arrived").isEqualTo(1);
  }

  @Test
  void anUnreachableDaemon_isTriedTheBoundedNumberOfTimes_thenExits1() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }

    Shell.Result run =
        stow(
            Map.of(),
            "trigger",
            "--url",
            "https://127.0.0.1:" + closed,
            "--head-hash",
            "0123456789abcdef0123456789abcdef01234567",
            "--cacert",
            caPem.toString(),
            "--attempts",
            "3",
            "--wait");

    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    Matcher retries = RETRY.matcher(run.stderr());
    List<String> attempts = new ArrayList<>();
    while (retries.find()) {
      attempts.add(retries.group(1));
    }
    assertThat(attempts).containsExactly("2", "3");
    assertThat(run.stderr())
        .contains("POST https://127.0.0.1:" + closed + "/trigger")
        .contains("(gave up after 3 attempt(s))");
    assertThat(run.stdout()).doesNotContain("waiting up to");
  }

  @Test
  void wait_followsADeploymentThatFails_andExits1WithTheDaemonsReason() {
    String deployment = docker.name("fails");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit("main", "v1", Map.of("host-1/stow.yaml", yaml(deployment, web, image1)));
    DaemonClient client = daemon(v1);
    String v2 =
        project.commit(
            "main",
            "v2",
            Map.of(
                "host-1/stow.yaml",
                StowYaml.deployment(deployment)
                    .verify("4s", "2s")
                    .container(
                        StowYaml.Container.of(web, image2).shell("exit 3").restartPolicy("no"))
                    .render()));

    Shell.Result run =
        stow(
            Map.of(),
            "trigger",
            "--url",
            client.baseUrl(),
            "--head-hash",
            v2,
            "--token-file",
            tokenFile.toString(),
            "--cacert",
            caPem.toString(),
            "--wait",
            "--timeout",
            "2m");

    JsonNode status = client.status(v2);
    assertThat(status.path("state").asText()).isEqualTo("error");
    String reason = status.path("last_error").asText();
    assertThat(reason).isNotBlank();
    assertThat(run.exitCode()).as("%s", run).isEqualTo(1);
    assertThat(run.stdout()).contains("triggered " + v2.substring(0, 12)).contains("error");
    assertThat(run.stderr())
        .contains("error: " + v2.substring(0, 12) + " did not deploy (error): " + reason);
    assertThat(HostFacts.containers(docker, deployment).get(web).image())
        .as("rolled back")
        .isEqualTo(image1.toString());
  }
}
