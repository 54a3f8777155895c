package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.daemon.DaemonSettings;
import io.stow.gitlab.GitLabClient;
import io.stow.gitlab.GitLabToken;
import io.stow.gitlab.MergeRequest;
import io.stow.gitlab.MergeRequestChanges;
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.gitlab.Fault;
import io.stow.it.gitlab.Route;
import io.stow.it.support.DaemonClient;
import io.stow.it.support.DaemonConfigDir;
import io.stow.it.support.HostFacts;
import io.stow.it.support.InProcessDaemon;
import io.stow.it.support.SelfSignedTls;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stow daemon} in the test JVM against the real Docker engine and the fake GitLab: a merge
 * and a trigger converge the host, and the status and badge say so in every state.
 */
class DaemonIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  static final String TOKEN = "glpat-SENTINEL-daemon-4b1e";
  static final String DEV_TOKEN = "glpat-SENTINEL-dev-77aa";
  static final Duration CONVERGE = Duration.ofSeconds(120);

  final ImageRef image1 = TestImages.get().first();
  final ImageRef image2 = TestImages.get().second();
  final FakeGitLab gitlab = FakeGitLab.start();
  final FakeProject project;
  final List<InProcessDaemon> daemons = new ArrayList<>();

  @TempDir Path temp;

  DaemonIT() {
    gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", false);
    gitlab.user(4, "dev").accessToken(DEV_TOKEN, "dev", true);
    project = gitlab.createProject("ops/deployments").member("host-bot").member("dev");
  }

  @AfterEach
  void stop() {
    try {
      for (InProcessDaemon daemon : daemons) {
        daemon.close();
        assertThat(daemon.log()).doesNotContain(TOKEN).doesNotContain("SENTINEL");
      }
    } finally {
      gitlab.close();
    }
  }

  static String yaml(String deployment, String container, ImageRef image, String stable) {
    return StowYaml.deployment(deployment)
        .verify("30s", stable)
        .container(StowYaml.Container.of(container, image).command("sleep", "3600"))
        .render();
  }

  DaemonConfigDir config() {
    return DaemonConfigDir.at(
        temp.resolve("etc"), gitlab, "ops/deployments", TOKEN, "host-1", temp.resolve("state"));
  }

  InProcessDaemon start(Path config, DaemonSettings settings, Optional<SSLContext> tls) {
    InProcessDaemon daemon = InProcessDaemon.start(config, docker, settings, tls);
    daemons.add(daemon);
    return daemon;
  }

  InProcessDaemon start(Path config) {
    return start(config, DaemonSettings.defaults(), Optional.empty());
  }

  String runningImage(String deployment, String container) {
    return HostFacts.containers(docker, deployment).get(container).image();
  }

  /**
   * Waits for the start-up poll to deploy {@code head}. (Asking for its status before would make
   * the daemon resolve it, one more archive download within GitLab's 5 a minute.)
   */
  static JsonNode deployedAtStart(DaemonClient client, String head) {
    client.awaitIdle(CONVERGE);
    JsonNode status = client.status(head);
    assertThat(status.path("state").asText()).as("%s", status).isEqualTo("running");
    return status;
  }

  static boolean idleAnd(JsonNode status, String state) {
    return status.path("phase").asText().equals("idle")
        && status.path("state").asText().equals(state);
  }

  @Test
  void aMergeAndATrigger_convergeTheHost_andStatusAndBadgeSayRunning_overHttps() {
    String deployment = docker.name("merge");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit(
            "main", "first", Map.of("host-1/stow.yaml", yaml(deployment, web, image1, "1s")));
    SelfSignedTls tls = SelfSignedTls.create();
    String trigger = "trigger-SENTINEL-0f3b9c2d";
    Path config = config().set("triggerToken", trigger).tls(tls).write();
    InProcessDaemon daemon =
        start(config, DaemonSettings.defaults(), Optional.of(tls.clientContext()));
    DaemonClient client = daemon.client();
    assertThat(client.baseUrl()).startsWith("https://");
    deployedAtStart(client, v1);

    project.commit(
        "suggest/host-1-web",
        "bump web",
        Map.of("host-1/stow.yaml", yaml(deployment, web, image2, "1s")));
    MergeRequest mr =
        GitLabClient.builder()
            .baseUrl(gitlab.apiUrl())
            .token(GitLabToken.accessToken(DEV_TOKEN))
            .project("ops/deployments")
            .build()
            .createMergeRequest(
                MergeRequestChanges.create("suggest/host-1-web", "main", "bump web", ""));
    String merge = project.merge(mr.iid());
    assertThat(client.badge(merge)).as("merged, not yet deployed").isEqualTo("different");

    HttpResponse<String> accepted = client.trigger(merge, Optional.of(trigger));

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    JsonNode status = client.awaitStatus(merge, "running", CONVERGE, s -> idleAnd(s, "running"));
    assertThat(status.path("status_label").asText()).isEqualTo("at-requested-head");
    assertThat(status.path("requested_head_hash").asText()).isEqualTo(merge);
    assertThat(status.path("expected_hash").asText())
        .isEqualTo(status.path("current_hash").asText());
    assertThat(status.path("snapshot").path("revision").asText()).isEqualTo(merge);
    assertThat(status.path("last_result").asText()).isEqualTo("ok");
    assertThat(status.path("containers").get(0).path("name").asText()).isEqualTo(web);
    assertThat(status.path("containers").get(0).path("state").asText()).isEqualTo("running");
    HttpResponse<String> badge = client.get("/gitlab.svg?git_hash=" + merge);
    assertThat(badge.body()).contains("aria-label=\"stow: running\"").contains("#4c1");
    assertThat(badge.headers().firstValue("Cache-Control")).contains("no-store");
    assertThat(runningImage(deployment, web)).isEqualTo(image2.toString());
  }

  @Test
  void theBadge_showsReconcilingQueuedRunningDifferentAndError() {
    String deployment = docker.name("badges");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit(
            "main", "v1", Map.of("host-1/stow.yaml", yaml(deployment, web, image1, "1s")));
    InProcessDaemon daemon = start(config().write());
    DaemonClient client = daemon.client();
    deployedAtStart(client, v1);

    // reconciling: while v2's verification waits out its stable window
    String v2 =
        project.commit(
            "main", "v2", Map.of("host-1/stow.yaml", yaml(deployment, web, image2, "6s")));
    assertThat(client.trigger(v2).statusCode()).isEqualTo(202);
    docker.await(
        web, "running v2", CONVERGE, c -> c.image().equals(image2.toString()) && c.running());
    assertThat(client.badge(v2)).isEqualTo("reconciling");
    assertThat(client.status(v2).path("status_label").asText())
        .isEqualTo("reconciling-requested-head");

    // queued: a second trigger meanwhile
    String v3yaml =
        StowYaml.deployment(deployment)
            .verify("30s", "1s")
            .container(StowYaml.Container.of(web, image1).command("sleep", "3601"))
            .render();
    String v3 = project.commit("main", "v3", Map.of("host-1/stow.yaml", v3yaml));
    HttpResponse<String> queued = client.trigger(v3);
    assertThat(DaemonClient.json(queued).path("result").asText()).isEqualTo("queued");
    assertThat(client.badge(v3)).isEqualTo("queued");
    assertThat(client.status(v3).path("status_label").asText()).isEqualTo("queued-requested-head");
    assertThat(client.badge(v2)).as("v2 still verifies").isEqualTo("reconciling");

    // the follow-up deploys the head, v3: older commits with other content are different
    client.awaitStatus(v3, "running", CONVERGE, s -> idleAnd(s, "running"));
    assertThat(client.badge(v1)).isEqualTo("different");
    assertThat(client.badge(v2)).isEqualTo("different");
    assertThat(client.status(v1).path("status_label").asText()).isEqualTo("different-head-idle");

    // an unmerged suggestion whose folder equals what runs: running
    String suggestion =
        project.commit(
            "suggest/host-1-web",
            "same folder",
            Map.of("host-1/stow.yaml", v3yaml, "README.md", "x"));
    assertThat(client.badge(suggestion)).isEqualTo("running");

    // error: a deployment that fails verification and is rolled back
    String broken =
        StowYaml.deployment(deployment)
            .verify("4s", "2s")
            .container(StowYaml.Container.of(web, image1).shell("exit 3").restartPolicy("no"))
            .render();
    String v4 = project.commit("main", "v4", Map.of("host-1/stow.yaml", broken));
    assertThat(client.trigger(v4).statusCode()).isEqualTo(202);
    JsonNode failed = client.awaitStatus(v4, "error", CONVERGE, s -> idleAnd(s, "error"));
    assertThat(failed.path("last_result").asText()).isEqualTo("error");
    assertThat(failed.path("last_error").asText()).isNotBlank();
    assertThat(client.badge(v4)).isEqualTo("error");
    assertThat(client.badge(v3)).as("rolled back to v3").isEqualTo("running");
    assertThat(client.get("/gitlab.svg?git_hash=" + v4).body()).contains("#e05d44");
  }

  @Test
  void fiveHundredTriggersDuringOneReconcile_produceExactlyOneFollowUp() throws Exception {
    String deployment = docker.name("coalesce");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit(
            "main", "v1", Map.of("host-1/stow.yaml", yaml(deployment, web, image1, "1s")));
    InProcessDaemon daemon = start(config().write());
    DaemonClient client = daemon.client();
    deployedAtStart(client, v1);
    String v2 =
        project.commit(
            "main", "v2", Map.of("host-1/stow.yaml", yaml(deployment, web, image2, "8s")));
    gitlab.clearRequests();
    long before = daemon.logLines("reconcile started");

    assertThat(client.trigger(v2).statusCode()).isEqualTo(202);
    docker.await(
        web, "running v2", CONVERGE, c -> c.image().equals(image2.toString()) && c.running());
    List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> fired = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String head = i % 2 == 0 ? v2 : String.format("%040x", i);
      fired.add(
          client
              .http()
              .sendAsync(
                  client
                      .request("/trigger?head_hash=" + head)
                      .POST(java.net.http.HttpRequest.BodyPublishers.noBody())
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
    }
    for (var f : fired) {
      assertThat(f.get().statusCode()).isEqualTo(202);
    }
    JsonNode during = client.status(Optional.empty());
    assertThat(during.path("phase").asText())
        .as("all 500 came during the first reconcile")
        .isEqualTo("reconciling");
    assertThat(during.path("active_head_hash").asText()).isEqualTo(v2);
    assertThat(during.path("queued").asBoolean()).isTrue();

    client.awaitIdle(CONVERGE);

    assertThat(daemon.logLines("reconcile started") - before).isEqualTo(2);
    // the follow-up finds the branch head at the commit the first one deployed: no second download
    assertThat(gitlab.requests(Route.ARCHIVE)).hasSize(1);
    assertThat(client.status(v2).path("state").asText()).isEqualTo("running");
  }

  @Test
  void aThousandStatusRequestsForUnknownCommits_keepTheDaemonResponsive_andDownloadsBounded()
      throws Exception {
    String deployment = docker.name("flood");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit(
            "main", "v1", Map.of("host-1/stow.yaml", yaml(deployment, web, image1, "1s")));
    List<String> side = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      side.add(
          project.commit(
              "side",
              "side " + i,
              Map.of("host-1/stow.yaml", yaml(deployment, web + i, image1, "1s"))));
    }
    int bound = 5;
    InProcessDaemon daemon =
        start(
            config().write(),
            DaemonSettings.defaults().withResolveBound(bound, Duration.ofHours(1)),
            Optional.empty());
    DaemonClient client = daemon.client();
    deployedAtStart(client, v1);
    gitlab.clearRequests();
    gitlab.inject(Route.ARCHIVE, bound, Fault.delay(Duration.ofSeconds(2)));

    java.util.concurrent.ExecutorService callers =
        java.util.concurrent.Executors.newFixedThreadPool(32);
    java.util.Random random = new java.util.Random(42);
    List<java.util.concurrent.Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String commit =
          random.nextBoolean()
              ? side.get(random.nextInt(side.size()))
              : String.format("%016x%016x%08x", random.nextLong(), random.nextLong(), i);
      answers.add(
          callers.submit(
              () -> {
                HttpResponse<String> r = client.get("/status?head_hash=" + commit);
                return r.statusCode() + " " + DaemonClient.json(r).path("state").asText();
              }));
    }
    long slowest = 0;
    int probes = 0;
    while (answers.stream().anyMatch(f -> !f.isDone())) {
      long t0 = System.nanoTime();
      assertThat(client.get("/healthz").statusCode()).isEqualTo(200);
      long t1 = System.nanoTime();
      assertThat(client.status(v1).path("state").asText()).isEqualTo("running");
      long t2 = System.nanoTime();
      slowest = Math.max(slowest, Math.max(t1 - t0, t2 - t1));
      probes++;
      Thread.sleep(20);
    }
    callers.shutdown();
    List<String> results = new ArrayList<>();
    for (var f : answers) {
      results.add(f.get());
    }

    System.out.printf(
        "flood: %d status requests, %d probes, slowest probe %d ms, %d archive downloads%n",
        results.size(), probes, slowest / 1_000_000, gitlab.requests(Route.ARCHIVE).size());
    assertThat(probes).isPositive();
    assertThat(Duration.ofNanos(slowest)).isLessThan(Duration.ofSeconds(1));
    assertThat(results).allSatisfy(r -> assertThat(r).isIn("200 unknown", "200 different"));
    assertThat(results).filteredOn(r -> r.endsWith("unknown")).hasSizeGreaterThan(900);
    assertThat(gitlab.requests(Route.ARCHIVE)).hasSizeLessThanOrEqualTo(bound);
    assertThat(gitlab.requests(Route.COMMIT)).hasSizeLessThanOrEqualTo(bound);
  }

  @Test
  void aContainerRemovedByHand_isBackAfterTheNextPoll_withoutAnArchiveDownload() {
    String deployment = docker.name("drift");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit(
            "main", "v1", Map.of("host-1/stow.yaml", yaml(deployment, web, image1, "1s")));
    InProcessDaemon daemon = start(config().set("pollInterval", "10s").write());
    DaemonClient client = daemon.client();
    deployedAtStart(client, v1);
    String before = HostFacts.containers(docker, deployment).get(web).id();
    gitlab.clearRequests();

    docker.client().removeContainerCmd(before).withForce(true).exec();

    docker.await(web, "back", Duration.ofSeconds(60), c -> c.running() && !c.id().equals(before));
    client.awaitStatus(v1, "running again", CONVERGE, s -> idleAnd(s, "running"));
    assertThat(daemon.log()).contains("repaired drift");
    assertThat(gitlab.requests(Route.ARCHIVE)).isEmpty();
    assertThat(gitlab.requests(Route.BRANCH)).isNotEmpty();
  }

  @Test
  void badRequests_get4xxWithAReason_andChangeNothing() {
    String deployment = docker.name("bad");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit(
            "main", "v1", Map.of("host-1/stow.yaml", yaml(deployment, web, image1, "1s")));
    String trigger = "trigger-SENTINEL-a1b2c3d4e5";
    InProcessDaemon daemon = start(config().set("triggerToken", trigger).write());
    DaemonClient client = daemon.client();
    JsonNode before = deployedAtStart(client, v1);
    Map<String, String> fingerprint = HostFacts.fingerprint(docker, deployment);
    gitlab.clearRequests();
    var noBody = java.net.http.HttpRequest.BodyPublishers.noBody();

    Map<String, HttpResponse<String>> answers = new java.util.LinkedHashMap<>();
    answers.put("GET /trigger", client.get("/trigger?head_hash=" + v1));
    answers.put("DELETE /status", client.send(client.request("/status").DELETE()));
    answers.put("PUT /gitlab.svg", client.send(client.request("/gitlab.svg").PUT(noBody)));
    answers.put("GET /nope", client.get("/nope"));
    answers.put(
        "bad head_hash",
        client.send(
            client
                .request("/trigger?head_hash=" + v1.substring(1) + "z")
                .header("Authorization", "Bearer " + trigger)
                .POST(noBody)));
    answers.put("bad git_hash", client.get("/gitlab.svg?git_hash=main"));
    answers.put(
        "oversized body",
        client.send(
            client
                .request("/trigger")
                .header("Authorization", "Bearer " + trigger)
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"a\":\"" + "x".repeat(1100 * 1024) + "\"}"))));
    answers.put("no token", client.trigger(v1));
    answers.put("wrong token", client.trigger(v1, Optional.of(trigger + "0")));
    answers.put(
        "wrong webhook token",
        client.send(
            client
                .request("/trigger?head_hash=" + v1)
                .header("X-Gitlab-Token", "nope")
                .POST(noBody)));

    assertThat(answers)
        .allSatisfy(
            (what, response) -> {
              assertThat(response.statusCode()).as(what).isBetween(400, 499);
              JsonNode body = DaemonClient.json(response);
              assertThat(body.path("error").asText()).as(what).isNotBlank();
              assertThat(body.path("reason").asText()).as(what).isNotBlank();
              assertThat(response.body()).as(what).doesNotContain(trigger);
            });
    assertThat(answers.get("GET /trigger").statusCode()).isEqualTo(405);
    assertThat(answers.get("DELETE /status").statusCode()).isEqualTo(405);
    assertThat(answers.get("GET /nope").statusCode()).isEqualTo(404);
    assertThat(answers.get("bad head_hash").statusCode()).isEqualTo(400);
    assertThat(answers.get("oversized body").statusCode()).isEqualTo(413);
    assertThat(answers.get("no token").statusCode()).isEqualTo(401);
    assertThat(answers.get("wrong token").statusCode()).isEqualTo(401);
    assertThat(answers.get("wrong webhook token").statusCode()).isEqualTo(401);

    JsonNode after = client.status(Optional.empty());
    assertThat(after.path("phase").asText()).isEqualTo("idle");
    assertThat(after.path("queued").asBoolean()).isFalse();
    assertThat(after.path("last_started_at")).isEqualTo(before.path("last_started_at"));
    assertThat(gitlab.requests()).as("nothing asked GitLab").isEmpty();
    assertThat(HostFacts.fingerprint(docker, deployment)).isEqualTo(fingerprint);
    assertThat(daemon.log()).doesNotContain(trigger);
  }
}
