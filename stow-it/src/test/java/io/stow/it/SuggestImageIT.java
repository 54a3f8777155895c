package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.docker.DockerJavaHost;
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeMergeRequest;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.gitlab.Fault;
import io.stow.it.gitlab.RecordedRequest;
import io.stow.it.gitlab.Route;
import io.stow.it.support.StowProcess;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stow suggest-image} as CI runs it: the shaded CLI in its own process, against the fake
 * GitLab, from an application checkout with a changelog, and the real Docker engine for digests.
 */
class SuggestImageIT {

  static final String ACCESS = "glpat-SENTINEL-access-7f3a9c";
  static final String JOB = "SENTINEL-job-token-4d2e1b";
  static final String D1 = "1".repeat(64);
  static final String D2 = "2".repeat(64);
  static final String D3 = "3".repeat(64);
  static final String REPO = "registry.example.com/apps/web";
  static final String WEB_V1 = REPO + ":1.0@sha256:" + D1;
  static final String DESCRIPTOR =
      "# host-a, managed by stow — comments must survive\n"
          + "deployment:\n"
          + "  name: host-a\n"
          + "  daemonBaseUrl: https://deploy.example.com:17403/   # with a trailing slash\n"
          + "\n"
          + "containers:\n"
          + "  - name: web      # the front end\n"
          + "    image: \""
          + WEB_V1
          + "\"   # bumped by CI\n"
          + "    restartPolicy: unless-stopped\n"
          + "  - name: worker\n"
          + "    image: registry.example.com/apps/worker:7@sha256:"
          + D1
          + "\n";

  @TempDir Path tmp;

  private final FakeGitLab gitlab = FakeGitLab.start();
  private final FakeProject deploy;
  private final List<String> everything = new ArrayList<>();

  SuggestImageIT() {
    gitlab
        .user(7, "deploy-bot")
        .user(8, "alice")
        .user(9, "bob")
        .user(10, "carol")
        .block("bob")
        .accessToken(ACCESS, "deploy-bot", true)
        .jobToken(JOB);
    deploy =
        gitlab.createProject("ops/deployments").member("deploy-bot").member("alice").member("bob");
    deploy.commit("main", "seed", Map.of("host-a/stow.yaml", DESCRIPTOR, "host-a/app.conf", "x\n"));
  }

  @AfterEach
  void noTokenAnywhere() throws IOException {
    try {
      everything.add(gitlab.requests().toString());
      try (Stream<Path> files = Files.walk(tmp)) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          if (f.toString().endsWith(".out") || f.toString().endsWith(".err")) {
            everything.add(Files.readString(f, StandardCharsets.UTF_8));
          }
        }
      }
      assertThat(everything)
          .isNotEmpty()
          .allSatisfy(text -> assertThat(text).doesNotContain(ACCESS).doesNotContain(JOB));
    } finally {
      gitlab.close();
    }
  }

  @Test
  void createsTheBranchAndOneMergeRequest_changingExactlyTheImage() throws Exception {
    Path app = appCheckout();
    String main = deploy.head("main").orElseThrow();

    StowProcess.Result result =
        suggest(
            app,
            env(Map.of("GITLAB_USER_ID", "10")),
            "--image",
            REPO + ":1.1",
            "--digest",
            "sha256:" + D2.toUpperCase(),
            "--assign",
            "gitlab_user_id,id:9",
            "--assign",
            "user:nobody,user:alice",
            "--changelog-file",
            "CHANGELOG.md");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String branch = "suggest/host-a-web";
    String commit = deploy.head(branch).orElseThrow();
    assertThat(deploy.parents(commit)).containsExactly(main);
    String proposed = deploy.file(commit, "host-a/stow.yaml").orElseThrow();
    assertThat(proposed.getBytes(StandardCharsets.UTF_8))
        .isEqualTo(
            DESCRIPTOR
                .replace(WEB_V1, REPO + ":1.1@sha256:" + D2)
                .getBytes(StandardCharsets.UTF_8));
    FakeMergeRequest mr = single(deploy.mergeRequests());
    assertThat(mr.sourceBranch()).isEqualTo(branch);
    assertThat(mr.removeSourceBranch()).isTrue();
    assertThat(mr.title()).isEqualTo("Bump host-a/web to 1.1");
    assertThat(mr.description())
        .contains(
            "[![stow](https://deploy.example.com:17403/gitlab.svg?git_hash="
                + commit
                + ")](https://deploy.example.com:17403/status?head_hash="
                + commit
                + ")")
        .contains("- faster pages\n- fixed login")
        .doesNotContain("first release");
    assertThat(mr.assigneeIds()).containsExactly(8L);
    assertThat(result.stdout())
        .contains(
            "created merge request " + gitlab.baseUrl() + "/ops/deployments/-/merge_requests/1");
    assertThat(result.stderr())
        .contains("did not assign carol (10)")
        .contains("user 9 is blocked, not active")
        .contains("knows no user nobody");
    assertThat(gitlab.writes())
        .extracting(RecordedRequest::route)
        .containsExactly(
            Route.CREATE_COMMIT, Route.CREATE_MERGE_REQUEST, Route.UPDATE_MERGE_REQUEST);
  }

  @Test
  void reRunWritesNothing_aNewDigestAddsACommitToTheSameMergeRequest() throws Exception {
    Path app = appCheckout();
    String[] first = {"--image", REPO + ":1.1", "--digest", D2, "--assign", "user:alice"};
    assertThat(suggest(app, env(Map.of()), first).exitCode()).isZero();
    String firstCommit = deploy.head("suggest/host-a-web").orElseThrow();
    gitlab.clearRequests();

    StowProcess.Result again = suggest(app, env(Map.of()), first);

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.stdout()).contains("already up to date").contains("merge_requests/1");
    assertThat(gitlab.writes()).isEmpty();
    assertThat(deploy.head("suggest/host-a-web")).contains(firstCommit);

    String moved = deploy.commit("main", "someone else's change", Map.of("host-a/app.conf", "y\n"));
    StowProcess.Result refresh =
        suggest(
            app, env(Map.of()), "--image", REPO + ":1.1", "--digest", D3, "--assign", "user:alice");

    assertThat(refresh.exitCode()).as(refresh.toString()).isZero();
    assertThat(refresh.stdout()).contains("updated merge request");
    String second = deploy.head("suggest/host-a-web").orElseThrow();
    assertThat(second).isNotEqualTo(firstCommit);
    assertThat(deploy.parents(second)).containsExactly(moved);
    assertThat(deploy.file(second, "host-a/app.conf")).contains("y\n");
    FakeMergeRequest mr = single(deploy.mergeRequests());
    assertThat(mr.description()).contains("git_hash=" + second).contains(D3);
    assertThat(gitlab.writes())
        .extracting(RecordedRequest::route)
        .containsExactly(Route.CREATE_COMMIT, Route.UPDATE_MERGE_REQUEST);

    deploy.merge(mr.iid());
    gitlab.clearRequests();
    StowProcess.Result merged =
        suggest(app, env(Map.of()), "--image", REPO + ":1.1", "--digest", D3);

    assertThat(merged.exitCode()).isZero();
    assertThat(merged.stdout()).contains("already up to date").contains("default branch");
    assertThat(gitlab.writes()).isEmpty();
  }

  @Test
  void aConflictOnCreate_fallsThroughToUpdate_andA429IsWaitedOut() throws Exception {
    deploy.commit(
        "suggest/host-a-web", "someone's older suggestion", Map.of("host-a/app.conf", "old\n"));
    openMergeRequestBehindTheListsBack();
    gitlab.inject(Route.FILE, 1, Fault.tooManyRequests(1));

    StowProcess.Result result =
        suggest(appCheckout(), env(Map.of()), "--image", REPO + ":1.1", "--digest", D2);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout()).contains("updated merge request");
    assertThat(result.stderr()).contains("answered 429; retrying in 1000 ms");
    assertThat(gitlab.requests(Route.FILE))
        .extracting(RecordedRequest::status)
        .startsWith(429, 200);
    assertThat(gitlab.requests(Route.CREATE_MERGE_REQUEST))
        .extracting(RecordedRequest::status)
        .containsExactly(409);
    assertThat(single(deploy.mergeRequests()).title()).isEqualTo("Bump host-a/web to 1.1");
  }

  /** An MR opened by someone else that the first listing does not show yet. */
  private void openMergeRequestBehindTheListsBack() throws Exception {
    io.stow.gitlab.GitLabClient.builder()
        .baseUrl(gitlab.apiUrl())
        .token(io.stow.gitlab.GitLabToken.accessToken(ACCESS))
        .project("ops/deployments")
        .build()
        .createMergeRequest(
            io.stow.gitlab.MergeRequestChanges.create(
                "suggest/host-a-web", "main", "older", "older"));
    gitlab.inject(Route.LIST_MERGE_REQUESTS, 1, Fault.status(200, "[]"));
    gitlab.clearRequests();
  }

  @Test
  void withoutDigest_theLocalEnginesRepoDigestPinsTheImage() throws Exception {
    TestImages images = TestImages.get();
    ImageRef second = images.second();
    try (DockerJavaHost docker = DockerJavaHost.fromEnvironment()) {
      docker.pull(second, progress -> {});
      assertThat(docker.repoDigest(second.tagged())).contains(second.digest());
    }
    deploy.commit(
        "main",
        "busybox",
        Map.of(
            "host-b/stow.yaml",
            "deployment:\n  name: b\n"
                + "containers:\n  - name: box\n    image: "
                + images.first()
                + "\n"));

    StowProcess.Result result =
        StowProcess.run(
            tmp.resolve("logs"),
            "digest",
            Duration.ofMinutes(2),
            appCheckout(),
            env(Map.of()),
            "suggest-image",
            "--project",
            "ops/deployments",
            "--subfolder",
            "host-b",
            "--container",
            "box",
            "--image",
            second.tagged());

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(deploy.file("suggest/host-b-box", "host-b/stow.yaml").orElseThrow())
        .contains("image: " + second + "\n");
  }

  @Test
  void aComposeFolder_getsItsServicesImageBumped_withTheBadgeOfXStow() throws Exception {
    String compose =
        "# host-c, a Compose folder\n"
            + "x-stow:\n"
            + "  daemonBaseUrl: https://compose-host.example.com:17403\n"
            + "services:\n"
            + "  web:   # the front end\n"
            + "    image: '"
            + WEB_V1
            + "'   # bumped by CI\n"
            + "    ports: [\"${PORT:?set in .env}:80\"]\n";
    String main =
        deploy.commit(
            "main", "compose", Map.of("host-c/compose.yaml", compose, "host-c/.env", "PORT=80\n"));

    StowProcess.Result result =
        suggest(
            appCheckout(),
            env(Map.of()),
            "--subfolder",
            "host-c",
            "--image",
            REPO + ":1.1",
            "--digest",
            D2);

    assertThat(result.exitCode()).as(result.toString()).isZero();
    String commit = deploy.head("suggest/host-c-web").orElseThrow();
    assertThat(deploy.parents(commit)).containsExactly(main);
    assertThat(deploy.file(commit, "host-c/compose.yaml").orElseThrow())
        .isEqualTo(compose.replace(WEB_V1, REPO + ":1.1@sha256:" + D2));
    FakeMergeRequest mr = single(deploy.mergeRequests());
    assertThat(mr.title()).isEqualTo("Bump host-c/web to 1.1");
    assertThat(mr.description())
        .contains("https://compose-host.example.com:17403/gitlab.svg?git_hash=" + commit);
  }

  @Test
  void dryRun_printsTheDiffTitleAndDescription_andWritesNothing() throws Exception {
    StowProcess.Result result =
        suggest(
            appCheckout(),
            env(Map.of()),
            "--image",
            REPO + ":1.1",
            "--digest",
            D2,
            "--dry-run",
            "--changelog-file",
            "CHANGELOG.md");

    assertThat(result.exitCode()).as(result.toString()).isZero();
    assertThat(result.stdout())
        .contains("-    image: \"" + WEB_V1 + "\"   # bumped by CI")
        .contains("+    image: \"" + REPO + ":1.1@sha256:" + D2 + "\"   # bumped by CI")
        .contains("title: Bump host-a/web to 1.1")
        .contains("- fixed login")
        .contains("dry run: nothing written; would create a merge request");
    assertThat(gitlab.writes()).isEmpty();
    assertThat(deploy.branches()).containsExactly("main");
  }

  @Test
  void aNumericDowngradeIsRefused_unlessAllowed() throws Exception {
    Path app = appCheckout();
    StowProcess.Result refused =
        suggest(app, env(Map.of()), "--image", REPO + ":0.9", "--digest", D2);
    StowProcess.Result allowed =
        suggest(app, env(Map.of()), "--image", REPO + ":0.9", "--digest", D2, "--allow-downgrade");

    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.stderr())
        .contains("tag 0.9 is lower than the current 1.0")
        .contains("--allow-downgrade");
    assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
    assertThat(gitlab.writes())
        .extracting(RecordedRequest::route)
        .containsExactly(Route.CREATE_COMMIT, Route.CREATE_MERGE_REQUEST);
  }

  @Test
  void badInput_failsWithAClearMessage_andWritesNothing() throws Exception {
    Path app = appCheckout();
    Map<String, String> ok = env(Map.of());
    Map<String, String> noUrl = new LinkedHashMap<>(ok);
    noUrl.remove("CI_API_V4_URL");
    Map<String, String> jobOnly = new LinkedHashMap<>(ok);
    jobOnly.remove("GITLAB_ACCESS_TOKEN");
    jobOnly.put("CI_JOB_TOKEN", JOB);
    Map<String, String> wrongToken = new LinkedHashMap<>(ok);
    wrongToken.put("GITLAB_ACCESS_TOKEN", "glpat-not-known");

    expectFailure(
        app,
        ok,
        1,
        "no container named 'api'; the containers are: web, worker",
        "--container",
        "api",
        "--image",
        REPO + ":1.1",
        "--digest",
        D2);
    expectFailure(app, ok, 2, "has no tag", "--image", REPO, "--digest", D2);
    expectFailure(
        app,
        ok,
        2,
        "--digest must be 64 hex characters",
        "--image",
        REPO + ":1.1",
        "--digest",
        "sha256:abc123");
    expectFailure(
        app, noUrl, 1, "CI_API_V4_URL is not set", "--image", REPO + ":1.1", "--digest", D2);
    int before = gitlab.requests().size();
    expectFailure(
        app,
        jobOnly,
        1,
        "job tokens cannot create commits, branches or merge"
            + " requests; set GITLAB_ACCESS_TOKEN",
        "--image",
        REPO + ":1.1",
        "--digest",
        D2);
    assertThat(gitlab.requests()).hasSize(before);
    expectFailure(
        app,
        ok,
        1,
        "404: 404 Project Not Found; project/branch/file not found",
        "--project",
        "ops/missing",
        "--image",
        REPO + ":1.1",
        "--digest",
        D2);
    expectFailure(
        app,
        wrongToken,
        1,
        "401: 401 Unauthorized; the token is invalid or expired",
        "--image",
        REPO + ":1.1",
        "--digest",
        D2);
    assertThat(gitlab.writes()).isEmpty();
    assertThat(deploy.branches()).containsExactly("main");
  }

  private void expectFailure(
      Path app, Map<String, String> env, int code, String message, String... args) {
    StowProcess.Result result = suggest(app, env, args);
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(code);
    assertThat(result.stderr()).as(result.toString()).contains(message);
  }

  private int runs;

  /**
   * {@code stow suggest-image --project ops/deployments --subfolder host-a --container web ...}.
   */
  private StowProcess.Result suggest(Path app, Map<String, String> env, String... args) {
    List<String> all =
        new ArrayList<>(
            List.of(
                "suggest-image",
                "--project",
                "ops/deployments",
                "--subfolder",
                "host-a",
                "--container",
                "web"));
    for (int i = 0; i < args.length; i++) {
      int at = all.indexOf(args[i]);
      if (at > 0
          && i + 1 < args.length
          && List.of("--project", "--subfolder", "--container").contains(args[i])) {
        all.set(at + 1, args[++i]);
      } else {
        all.add(args[i]);
      }
    }
    StowProcess.Result result =
        StowProcess.run(
            tmp.resolve("logs"),
            "run-" + ++runs,
            Duration.ofMinutes(2),
            app,
            env,
            all.toArray(String[]::new));
    everything.add(result.toString());
    return result;
  }

  private Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CI_API_V4_URL", gitlab.apiUrl());
    env.put("GITLAB_ACCESS_TOKEN", ACCESS);
    env.put("CI_JOB_TOKEN", JOB);
    env.putAll(extra);
    return env;
  }

  /** An application checkout whose CHANGELOG.md grew between tags 1.0 and 1.1. */
  private Path appCheckout() throws Exception {
    Path app = tmp.resolve("app");
    if (Files.isDirectory(app.resolve(".git"))) {
      return app;
    }
    Files.createDirectories(app);
    git(app, "init", "-q", "-b", "main");
    Files.writeString(app.resolve("CHANGELOG.md"), "# Changelog\n\n## 1.0\n- first release\n");
    git(app, "add", "CHANGELOG.md");
    git(app, "commit", "-q", "-m", "1.0");
    git(app, "tag", "1.0");
    Files.writeString(
        app.resolve("CHANGELOG.md"),
        "# Changelog\n\n## 1.1\n- faster pages\n- fixed login\n\n## 1.0\n- first release\n");
    git(app, "commit", "-q", "-am", "1.1");
    git(app, "tag", "1.1");
    return app;
  }

  private static void git(Path dir, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-c",
                "user.name=t",
                "-c",
                "user.email=t@example.com",
                "-c",
                "commit.gpgsign=false"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
  }

  private static <T> T single(List<T> items) {
    assertThat(items).hasSize(1);
    return items.get(0);
  }
}
