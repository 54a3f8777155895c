package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.it.support.DaemonClient;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.HostFacts;
import io.stow.it.support.InProcessDaemon;
import io.stow.it.support.SshRemote;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stow daemon} on a plain Git remote, the real SSH server of .ci/test-env.sh (Debian's
 * openssh-server and git), deploying on the real engine: a push to the branch is deployed through a
 * GitHub-signed webhook and through a poll, a push to another branch never is, a wrong signature
 * changes nothing, an unknown host key is refused with its fingerprint in the status and the log,
 * and the badge resolves commits through a fetch of that commit.
 */
class GitRemoteDaemonIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  static final Duration CONVERGE = Duration.ofSeconds(120);
  static final String TOKEN = "trigger-SENTINEL-3c4d5e6f7a8b";

  final SshRemote ssh = SshRemote.get();
  final ImageRef image1 = TestImages.get().first();
  final ImageRef image2 = TestImages.get().second();
  final List<InProcessDaemon> daemons = new ArrayList<>();

  @TempDir Path temp;
  Path repository;
  Git work;

  @BeforeEach
  void setUp() throws Exception {
    repository = ssh.newRepository("stow-it-daemon");
    work =
        Git.cloneRepository()
            .setURI(repository.toUri().toString())
            .setDirectory(temp.resolve("work").toFile())
            .call();
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      for (InProcessDaemon daemon : daemons) {
        daemon.close();
        assertThat(daemon.log()).doesNotContain(TOKEN);
      }
    } finally {
      work.close();
      try (var walk = Files.walk(repository)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** Commits {@code files} on {@code branch}; pushes it when {@code push}. */
  String commit(String branch, Map<String, String> files, boolean push) throws Exception {
    if (work.getRepository().resolve(Constants.HEAD) == null) {
      work.getRepository().updateRef(Constants.HEAD).link("refs/heads/" + branch);
    } else if (!branch.equals(work.getRepository().getBranch())) {
      boolean exists = work.getRepository().findRef("refs/heads/" + branch) != null;
      work.checkout().setName(branch).setCreateBranch(!exists).call();
    }
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = temp.resolve("work").resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    work.add().addFilepattern(".").call();
    String sha =
        work.commit().setMessage("deploy").setAuthor("ops", "ops@example.com").call().getName();
    if (push) {
      work.push().setRemote("origin").add(branch).call();
    }
    return sha;
  }

  String push(String branch, Map<String, String> files) throws Exception {
    return commit(branch, files, true);
  }

  static String yaml(String deployment, String container, ImageRef image, String sleep) {
    return StowYaml.deployment(deployment)
        .verify("30s", "1s")
        .container(StowYaml.Container.of(container, image).command("sleep", sleep))
        .render();
  }

  /** The daemon's configuration: the SSH remote, the test's deploy key, known_hosts as given. */
  Path config(String knownHosts) throws Exception {
    return DaemonConfigDir.git(
            temp.resolve("etc"), ssh.url(repository), "host-1", temp.resolve("state"))
        .gitKey("branch", "main")
        .gitKey("sshKey", "deploy_ed25519")
        .gitKey("knownHosts", "known_hosts")
        .file("deploy_ed25519", Files.readAllBytes(ssh.clientKey()))
        .file("known_hosts", knownHosts.getBytes(StandardCharsets.UTF_8))
        .set("triggerToken", TOKEN)
        .set("pollInterval", "10s")
        .write();
  }

  InProcessDaemon start(Path config) {
    InProcessDaemon daemon = InProcessDaemon.start(config, docker);
    daemons.add(daemon);
    return daemon;
  }

  static String hmac(String secret, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A GitHub push webhook as GitHub sends it, signed with {@code secret}. */
  static HttpResponse<String> gitHubPush(
      DaemonClient client, String ref, String before, String after, String secret) {
    String body =
        "{\"ref\":\""
            + ref
            + "\",\"before\":\""
            + before
            + "\",\"after\":\""
            + after
            + "\",\"created\":false,\"deleted\":false,\"forced\":false,"
            + "\"repository\":{\"full_name\":\"ops/deployments\",\"default_branch\":\"main\"},"
            + "\"pusher\":{\"name\":\"ops\"},\"commits\":[{\"id\":\""
            + after
            + "\",\"message\":\"deploy\"}]}";
    return client.send(
        client
            .request("/trigger")
            .header("Content-Type", "application/json")
            .header("User-Agent", "GitHub-Hookshot/044aadd")
            .header("X-GitHub-Event", "push")
            .header("X-GitHub-Delivery", "d5a6a1c0-6f0a-11ef-8f3e-1c2c3b4a5d6e")
            .header("X-Hub-Signature-256", "sha256=" + hmac(secret, body))
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  static boolean idleAnd(JsonNode status, String state) {
    return status.path("phase").asText().equals("idle")
        && status.path("state").asText().equals(state);
  }

  String runningImage(String deployment, String container) {
    return HostFacts.containers(docker, deployment).get(container).image();
  }

  @Test
  void aPushToTheBranch_deploysByWebhookAndByPoll_anotherBranchNever() throws Exception {
    String deployment = docker.name("gitd");
    String web = docker.name(deployment + "-web");
    String v1 = push("main", Map.of("host-1/stow.yaml", yaml(deployment, web, image1, "3600")));
    InProcessDaemon daemon = start(config(ssh.knownHostsLine() + "\n"));
    DaemonClient client = daemon.client();
    client.awaitIdle(CONVERGE);
    assertThat(client.status(v1).path("state").asText()).isEqualTo("running");

    // another branch: its webhook is ignored, its tip resolves (fetched by id) and is different
    String suggestion =
        push(
            "suggest/host-1-web",
            Map.of("host-1/stow.yaml", yaml(deployment, web, image2, "3600")));
    HttpResponse<String> ignored =
        gitHubPush(client, "refs/heads/suggest/host-1-web", v1, suggestion, TOKEN);
    assertThat(ignored.statusCode()).as(ignored.body()).isEqualTo(200);
    assertThat(DaemonClient.json(ignored).path("result").asText()).isEqualTo("ignored");
    assertThat(client.badge(suggestion)).isEqualTo("different");
    assertThat(runningImage(deployment, web)).isEqualTo(image1.toString());

    // a signed GitHub push webhook for main deploys its head
    String v2 = push("main", Map.of("host-1/stow.yaml", yaml(deployment, web, image2, "3601")));
    HttpResponse<String> accepted = gitHubPush(client, "refs/heads/main", v1, v2, TOKEN);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(DaemonClient.json(accepted).path("head_hash").asText()).isEqualTo(v2);
    JsonNode deployed = client.awaitStatus(v2, "running", CONVERGE, s -> idleAnd(s, "running"));
    assertThat(deployed.path("snapshot").path("revision").asText()).isEqualTo(v2);
    assertThat(runningImage(deployment, web)).isEqualTo(image2.toString());
    assertThat(client.get("/gitlab.svg?git_hash=" + v2).body())
        .contains("aria-label=\"stow: running\"");

    // two commits in one push, no webhook: the poll deploys the head; the commit below it was
    // never a head, and this server (protocol v0 over SSH) serves only heads by id: unknown
    String between =
        commit("main", Map.of("host-1/stow.yaml", yaml(deployment, web, image1, "3602")), false);
    String v3 = push("main", Map.of("host-1/stow.yaml", yaml(deployment, web, image1, "3603")));
    JsonNode polled = client.awaitStatus(v3, "running", CONVERGE, s -> idleAnd(s, "running"));
    assertThat(polled.path("last_result").asText()).isEqualTo("ok");
    assertThat(daemon.log()).contains("poll: the branch head moved to " + v3);
    assertThat(runningImage(deployment, web)).isEqualTo(image1.toString());
    JsonNode unknown = client.status(between);
    assertThat(unknown.path("state").asText()).isEqualTo("unknown");
    assertThat(unknown.path("unknown_reason").asText())
        .contains("does not serve commit " + between + " by its id");
    assertThat(client.badge(v2)).isEqualTo("different");
    assertThat(client.badge(suggestion)).isEqualTo("different");
    assertThat(HostFacts.containers(docker, deployment)).containsOnlyKeys(web);
  }

  @Test
  void aWrongOrMissingWebhookSignature_is401_andChangesNothing() throws Exception {
    String deployment = docker.name("gitsig");
    String web = docker.name(deployment + "-web");
    String v1 = push("main", Map.of("host-1/stow.yaml", yaml(deployment, web, image1, "3600")));
    InProcessDaemon daemon = start(config(ssh.knownHostsLine() + "\n"));
    DaemonClient client = daemon.client();
    JsonNode before = client.awaitIdle(CONVERGE);
    Map<String, String> fingerprint = HostFacts.fingerprint(docker, deployment);
    String v2 = push("main", Map.of("host-1/stow.yaml", yaml(deployment, web, image2, "3601")));

    HttpResponse<String> wrong = gitHubPush(client, "refs/heads/main", v1, v2, TOKEN + "-old");
    HttpResponse<String> unsigned =
        client.send(
            client
                .request("/trigger")
                .header("X-GitHub-Event", "push")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"ref\":\"refs/heads/main\",\"after\":\"" + v2 + "\"}")));

    assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
    assertThat(DaemonClient.json(wrong).path("reason").asText())
        .contains("X-Hub-Signature-256 signature does not match");
    assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(401);
    JsonNode after = client.status(Optional.empty());
    assertThat(after.path("phase").asText()).isEqualTo("idle");
    assertThat(after.path("queued").asBoolean()).isFalse();
    assertThat(after.path("last_started_at")).isEqualTo(before.path("last_started_at"));
    assertThat(HostFacts.fingerprint(docker, deployment)).isEqualTo(fingerprint);
    assertThat(runningImage(deployment, web)).isEqualTo(image1.toString());
    assertThat(daemon.log()).contains("trigger refused (401)").doesNotContain(TOKEN);
  }

  @Test
  void anUnknownHostKey_isRefusedWithItsFingerprint_inTheStatusAndTheLog() throws Exception {
    String deployment = docker.name("gitkey");
    String web = docker.name(deployment + "-web");
    String v1 = push("main", Map.of("host-1/stow.yaml", yaml(deployment, web, image1, "3600")));
    InProcessDaemon daemon = start(config(""));
    DaemonClient client = daemon.client();

    JsonNode status = client.awaitIdle(CONVERGE);

    assertThat(status.path("last_result").asText()).isEqualTo("error");
    assertThat(status.path("last_error").asText())
        .contains("cannot read the branch head")
        .contains("SSH host key of [127.0.0.1]:2222 is not in")
        .contains("SHA256:")
        .contains("pin it: echo '" + ssh.knownHostsLine());
    assertThat(daemon.log())
        .contains("SSH host key of [127.0.0.1]:2222")
        .contains(ssh.knownHostsLine());
    assertThat(client.trigger(v1, Optional.of(TOKEN)).statusCode()).isEqualTo(202);
    JsonNode triggered =
        client.awaitStatus(
            v1,
            "failed",
            CONVERGE,
            s ->
                s.path("phase").asText().equals("idle")
                    && !s.path("last_started_at").equals(status.path("last_started_at")));
    assertThat(triggered.path("last_error").asText()).contains("SHA256:");
    assertThat(HostFacts.containers(docker, deployment)).isEmpty();
    assertThat(temp.resolve("state/running-config")).doesNotExist();
  }
}
