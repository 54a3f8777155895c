package io.stow.it.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stow.gitlab.CommitAction;
import io.stow.gitlab.CommitRequest;
import io.stow.gitlab.CommitStatusRequest;
import io.stow.gitlab.GitLabClient;
import io.stow.gitlab.GitLabException;
import io.stow.gitlab.GitLabToken;
import io.stow.gitlab.MergeRequest;
import io.stow.gitlab.MergeRequestChanges;
import io.stow.gitlab.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake GitLab answers as GitLab does, through the real client. */
class FakeGitLabTest {

  private static final String TOKEN = "glpat-FAKE-TEST-SENTINEL";

  private final FakeGitLab gitlab = FakeGitLab.start();
  private final FakeProject project;
  private final String head;

  FakeGitLabTest() {
    gitlab
        .user(7, "bot")
        .user(8, "alice")
        .user(9, "outsider")
        .accessToken(TOKEN, "bot", true)
        .accessToken("read-only", "bot", false)
        .accessToken("outsider-token", "outsider", true)
        .jobToken("job-token");
    project = gitlab.createProject("ops/deployments").member("bot").member("alice");
    head =
        project.commit(
            "main",
            "seed",
            Map.of("host/stow.yaml", "a: 1\n", "host/app.conf", "k=v\n", "other/x", "y"));
  }

  @AfterEach
  void stop() {
    gitlab.close();
  }

  private GitLabClient client(String token) {
    return GitLabClient.builder()
        .baseUrl(gitlab.apiUrl())
        .token(GitLabToken.accessToken(token))
        .project("ops/deployments")
        .retryPolicy(RetryPolicy.NONE)
        .build();
  }

  @Test
  void access_401WithoutOrWithAWrongToken_404ForNonMembers_403ForWritesWithoutApi()
      throws Exception {
    HttpResponse<String> anonymous =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(gitlab.apiUrl() + "/projects/1000")).build(),
                HttpResponse.BodyHandlers.ofString());
    GitLabException wrong =
        catchThrowableOfType(GitLabException.class, () -> client("nope").project());
    GitLabException outsider =
        catchThrowableOfType(GitLabException.class, () -> client("outsider-token").project());
    GitLabException readOnly =
        catchThrowableOfType(
            GitLabException.class, () -> client("read-only").createCommit(commit(false)));
    GitLabException job =
        catchThrowableOfType(
            GitLabException.class,
            () ->
                GitLabClient.builder()
                    .baseUrl(gitlab.apiUrl())
                    .token(GitLabToken.jobToken("job-token"))
                    .project("ops/deployments")
                    .build()
                    .createCommit(commit(false)));

    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body()).isEqualTo("{\"message\":\"401 Unauthorized\"}");
    assertThat(wrong.is(401)).isTrue();
    assertThat(outsider.getMessage()).contains("404: 404 Project Not Found");
    assertThat(readOnly.getMessage()).contains("403: insufficient_scope");
    assertThat(job.getMessage()).contains("403: 403 Forbidden");
    assertThat(project.branches()).containsExactly("main");
  }

  @Test
  void commits_existingBranchNeedsForce_forcedCommitStartsFromStartSha() {
    GitLabClient client = client(TOKEN);
    String first = client.createCommit(commit(false)).id();
    project.commit("main", "moved on", Map.of("host/app.conf", "k=2\n"));

    GitLabException again =
        catchThrowableOfType(GitLabException.class, () -> client.createCommit(commit(false)));
    String forced = client.createCommit(commit(true)).id();

    assertThat(again.getMessage())
        .contains("400: A branch called 'suggest/host-web' already exists");
    assertThat(project.parents(first)).containsExactly(head);
    assertThat(project.parents(forced)).containsExactly(head);
    assertThat(project.head("suggest/host-web")).contains(forced);
    assertThat(project.file("suggest/host-web", "host/stow.yaml")).contains("a: 2\n");
    assertThat(client.findFile("host/stow.yaml", forced).orElseThrow().lastCommitId())
        .isEqualTo(forced);
  }

  private CommitRequest commit(boolean force) {
    return new CommitRequest(
        "suggest/host-web",
        Optional.of(head),
        force,
        "bump",
        List.of(CommitAction.update("host/stow.yaml", "a: 2\n")));
  }

  @Test
  void archive_hasGitLabsTopDirectory_andFullRepositoryPaths() throws IOException {
    List<String> names =
        client(TOKEN)
            .archive(
                head,
                Optional.of("host"),
                in -> {
                  List<String> entries = new ArrayList<>();
                  try (TarArchiveInputStream tar =
                      new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
                    for (TarArchiveEntry e = tar.getNextEntry();
                        e != null;
                        e = tar.getNextEntry()) {
                      entries.add(e.getName());
                    }
                  }
                  return entries;
                });

    String top = "deployments-" + head + "-" + head + "-host/";
    assertThat(names)
        .containsExactly(top, top + "host/", top + "host/app.conf", top + "host/stow.yaml");
  }

  @Test
  void mergeRequests_409ForASecondOpenOne_assigneesItCannotAssignAreDropped() {
    GitLabClient client = client(TOKEN);
    client.createCommit(commit(false));
    MergeRequest created =
        client.createMergeRequest(
            MergeRequestChanges.create("suggest/host-web", "main", "T", "D")
                .withAssignees(List.of(9L)));
    GitLabException second =
        catchThrowableOfType(
            GitLabException.class,
            () ->
                client.createMergeRequest(
                    MergeRequestChanges.create("suggest/host-web", "main", "T", "D")));
    MergeRequest assigned =
        client.updateMergeRequest(
            created.iid(), MergeRequestChanges.update("T2", "D2").withAssignees(List.of(8L)));

    assertThat(created.assigneeIds()).isEmpty();
    assertThat(second.is(409)).isTrue();
    assertThat(second.gitLabMessage())
        .isEqualTo("Another open merge request already exists for this source branch: !1");
    assertThat(assigned.assigneeIds()).containsExactly(8L);
    assertThat(client.openMergeRequests("suggest/host-web"))
        .extracting(MergeRequest::title)
        .containsExactly("T2");

    project.merge(created.iid());

    assertThat(project.file("main", "host/stow.yaml")).contains("a: 2\n");
    assertThat(project.branches()).containsExactly("main");
    assertThat(client.openMergeRequests("suggest/host-web")).isEmpty();
  }

  @Test
  void mergeRequestLists_arePaginatedWithLinkAndNextPage() throws Exception {
    for (String branch : List.of("a", "b", "c")) {
      project.commit(branch, "x", Map.of("f", branch));
      client(TOKEN).createMergeRequest(MergeRequestChanges.create(branch, "main", branch, ""));
    }
    HttpResponse<String> first =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            gitlab.apiUrl()
                                + "/projects/ops%2Fdeployments/merge_requests?state=opened&per_page=2"))
                    .header("PRIVATE-TOKEN", TOKEN)
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(first.headers().firstValue("X-Next-Page")).contains("2");
    assertThat(first.headers().firstValue("Link").orElseThrow())
        .contains("page=2")
        .contains("rel=\"next\"");
  }

  @Test
  void injectedFaults_answerFirst_andRequestsAreRecordedWithoutTokens() {
    gitlab.inject(Route.PROJECT, 1, Fault.tooManyRequests(1));
    gitlab.inject(Route.BRANCH, 1, Fault.delay(Duration.ofMillis(300)));
    GitLabClient client =
        GitLabClient.builder()
            .baseUrl(gitlab.apiUrl())
            .token(GitLabToken.accessToken(TOKEN))
            .project("ops/deployments")
            .timeouts(Duration.ofSeconds(2), Duration.ofMillis(100))
            .build();

    client.project();
    client.findBranch("main");
    // the stalled request is recorded when its delay ends, after the client gave up on it
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (gitlab.requests().size() < 4 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }

    List<RecordedRequest> requests = gitlab.requests();
    assertThat(requests)
        .extracting(RecordedRequest::route, RecordedRequest::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Route.PROJECT, 429),
            org.assertj.core.groups.Tuple.tuple(Route.PROJECT, 200),
            org.assertj.core.groups.Tuple.tuple(Route.BRANCH, 200),
            org.assertj.core.groups.Tuple.tuple(Route.BRANCH, 200));
    assertThat(requests.get(2).path()).isEqualTo(requests.get(3).path());
    assertThat(requests.get(0).path()).isEqualTo("/api/v4/projects/ops%2Fdeployments");
    assertThat(requests.get(0).headers()).containsEntry("PRIVATE-TOKEN", "<redacted>");
    assertThat(requests.toString()).doesNotContain(TOKEN);
    assertThat(gitlab.writes()).isEmpty();
  }

  @Test
  void commitStatuses_changeStateOnceEach_startAfreshWhenFinished_andNeedTheApiScope() {
    GitLabClient client = client(TOKEN);
    CommitStatusRequest running =
        new CommitStatusRequest(
            CommitStatusRequest.State.RUNNING,
            "stow/host",
            Optional.empty(),
            Optional.of("https://host:17403/status?head_hash=" + head),
            Optional.of("deploying"));

    client.setCommitStatus(head, running);
    client.setCommitStatus(head, running); // GitLab's 400, which the client takes as done
    client.setCommitStatus(
        head,
        new CommitStatusRequest(
            CommitStatusRequest.State.SUCCESS,
            "stow/host",
            Optional.empty(),
            Optional.empty(),
            Optional.of("deployed")));
    client.setCommitStatus(head, running);
    GitLabException readOnly =
        catchThrowableOfType(
            GitLabException.class, () -> client("read-only").setCommitStatus(head, running));
    GitLabException unknown =
        catchThrowableOfType(
            GitLabException.class, () -> client.setCommitStatus("f".repeat(40), running));

    assertThat(project.commitStatuses(head))
        .extracting(FakeCommitStatus::status, FakeCommitStatus::name, FakeCommitStatus::ref)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("running", "stow/host", "main"),
            org.assertj.core.groups.Tuple.tuple("success", "stow/host", "main"),
            org.assertj.core.groups.Tuple.tuple("running", "stow/host", "main"));
    List<FakeCommitStatus> states = project.commitStatuses(head);
    assertThat(states.get(0).id()).isEqualTo(states.get(1).id());
    assertThat(states.get(2).id()).isNotEqualTo(states.get(1).id());
    assertThat(gitlab.requests(Route.SET_COMMIT_STATUS))
        .extracting(RecordedRequest::status)
        .containsExactly(201, 400, 201, 201, 403, 404);
    assertThat(readOnly.getMessage()).contains("insufficient_scope").contains("api scope");
    assertThat(unknown.is(404)).isTrue();
  }
}
