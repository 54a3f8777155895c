package io.stow.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GitLabClientTest {

  private final GitLabServer gitlab;

  GitLabClientTest() throws Exception {
    gitlab = new GitLabServer();
  }

  @AfterEach
  void stop() throws Exception {
    gitlab.close();
  }

  @Test
  void project_isResolvedOnceByEncodedPath_thenCalledByNumericId() throws Exception {
    gitlab.project();
    gitlab.json(
        200,
        "{\"name\":\"main\",\"commit\":{\"id\":\""
            + "a".repeat(40)
            + "\",\"parent_ids\":[\""
            + "b".repeat(40)
            + "\"],\"title\":\"t\"}}");
    gitlab.json(404, "{\"message\":\"404 Branch Not Found\"}");
    GitLabClient client = gitlab.client();

    assertThat(client.project().defaultBranch()).isEqualTo("main");
    Branch main = client.findBranch("main").orElseThrow();
    Optional<Branch> missing = client.findBranch("suggest/host-web");

    assertThat(main.commit().id()).isEqualTo("a".repeat(40));
    assertThat(main.commit().parentIds()).containsExactly("b".repeat(40));
    assertThat(missing).isEmpty();
    RecordedRequest first = gitlab.take();
    assertThat(first.getPath()).isEqualTo("/api/v4/projects/ops%2Fdeployments");
    assertThat(first.getHeader("PRIVATE-TOKEN")).isEqualTo(GitLabServer.TOKEN);
    assertThat(first.getHeader("JOB-TOKEN")).isNull();
    assertThat(gitlab.take().getPath()).isEqualTo("/api/v4/projects/42/repository/branches/main");
    assertThat(gitlab.take().getPath())
        .isEqualTo("/api/v4/projects/42/repository/branches/suggest%2Fhost-web");
    assertThat(gitlab.server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void jobToken_travelsInJobTokenHeader() throws Exception {
    gitlab.project();
    gitlab.builder().token(GitLabToken.jobToken("job-SENTINEL")).build().project();

    RecordedRequest request = gitlab.take();
    assertThat(request.getHeader("JOB-TOKEN")).isEqualTo("job-SENTINEL");
    assertThat(request.getHeader("PRIVATE-TOKEN")).isNull();
  }

  @Test
  void baseUrl_getsApiV4AppendedOnce() {
    assertThat(GitLabClientBuilder.apiBase("https://git.example.com").toString())
        .isEqualTo("https://git.example.com/api/v4");
    assertThat(GitLabClientBuilder.apiBase("https://git.example.com/gitlab/").toString())
        .isEqualTo("https://git.example.com/gitlab/api/v4");
    assertThat(GitLabClientBuilder.apiBase("https://git.example.com/api/v4/").toString())
        .isEqualTo("https://git.example.com/api/v4");
    assertThatThrownBy(() -> GitLabClientBuilder.apiBase("git.example.com"))
        .hasMessageContaining("not an http(s) URL");
  }

  @Test
  void builder_namesEveryMissingField() {
    assertThatThrownBy(() -> GitLabClient.builder().build())
        .hasMessageContaining("baseUrl")
        .hasMessageContaining("token")
        .hasMessageContaining("project");
  }

  @Test
  void numericProject_isStillFetchedOnce() throws Exception {
    gitlab.project();
    gitlab.json(200, "{\"id\":\"" + "c".repeat(40) + "\",\"parent_ids\":[],\"title\":\"x\"}");
    GitLabClient client = gitlab.builder().project("42").build();

    client.commit("c".repeat(40));

    assertThat(gitlab.take().getPath()).isEqualTo("/api/v4/projects/42");
    assertThat(gitlab.take().getPath())
        .isEqualTo("/api/v4/projects/42/repository/commits/" + "c".repeat(40));
  }

  @Test
  void findFile_decodesBase64AndKeepsIds_rawFileReturnsBytes() throws Exception {
    gitlab.project();
    String content = Base64.getEncoder().encodeToString("a: 1\n".getBytes(StandardCharsets.UTF_8));
    gitlab.json(
        200,
        "{\"file_path\":\"host/stow.yaml\",\"ref\":\"main\",\"blob_id\":\"b1\","
            + "\"last_commit_id\":\"c1\",\"encoding\":\"base64\",\"content\":\""
            + content
            + "\"}");
    gitlab.server.enqueue(new MockResponse().setBody("raw bytes"));
    gitlab.json(404, "{\"message\":\"404 File Not Found\"}");
    GitLabClient client = gitlab.client();

    RepositoryFile file = client.findFile("host/stow.yaml", "main").orElseThrow();
    byte[] raw = client.findRawFile("host/stow.yaml", "main").orElseThrow();
    Optional<byte[]> missing = client.findRawFile("other/stow.yaml", "main");

    assertThat(file.text()).isEqualTo("a: 1\n");
    assertThat(file.blobId()).isEqualTo("b1");
    assertThat(file.lastCommitId()).isEqualTo("c1");
    assertThat(file.toString()).doesNotContain("a: 1");
    assertThat(new String(raw, StandardCharsets.UTF_8)).isEqualTo("raw bytes");
    assertThat(missing).isEmpty();
    gitlab.take();
    assertThat(gitlab.take().getPath())
        .isEqualTo("/api/v4/projects/42/repository/files/host%2Fstow.yaml?ref=main");
    assertThat(gitlab.take().getPath())
        .isEqualTo("/api/v4/projects/42/repository/files/host%2Fstow.yaml/raw?ref=main");
  }

  @Test
  void archive_streamsTheBodyToTheReader() throws Exception {
    gitlab.project();
    byte[] big = new byte[3 * 1024 * 1024];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    gitlab.server.enqueue(
        new MockResponse()
            .setBody(new Buffer().write(big))
            .throttleBody(512 * 1024, 0, java.util.concurrent.TimeUnit.MILLISECONDS));
    GitLabClient client = gitlab.client();

    byte[] read =
        client.archive(
            "d".repeat(40),
            Optional.of("host/a b"),
            in -> {
              ByteArrayOutputStream out = new ByteArrayOutputStream();
              in.transferTo(out);
              return out.toByteArray();
            });

    assertThat(read).isEqualTo(big);
    gitlab.take();
    assertThat(gitlab.take().getPath())
        .isEqualTo(
            "/api/v4/projects/42/repository/archive.tar.gz?sha="
                + "d".repeat(40)
                + "&path=host%2Fa%20b");
  }

  @Test
  void createCommit_sendsBranchStartShaForceAndActions() throws Exception {
    gitlab.project();
    gitlab.json(
        201,
        "{\"id\":\""
            + "e".repeat(40)
            + "\",\"parent_ids\":[\""
            + "a".repeat(40)
            + "\"],\"title\":\"Bump\"}");
    GitLabClient client = gitlab.client();

    Commit commit =
        client.createCommit(
            CommitRequest.forced(
                "suggest/host-web",
                "a".repeat(40),
                "Bump",
                List.of(CommitAction.update("host/stow.yaml", "x: 1\n"))));

    assertThat(commit.parentIds()).containsExactly("a".repeat(40));
    gitlab.take();
    RecordedRequest post = gitlab.take();
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getPath()).isEqualTo("/api/v4/projects/42/repository/commits");
    assertThat(Json.MAPPER.readTree(post.getBody().readUtf8()))
        .isEqualTo(
            Json.MAPPER.readTree(
                "{\"branch\":\"suggest/host-web\",\"commit_message\":"
                    + "\"Bump\",\"start_sha\":\""
                    + "a".repeat(40)
                    + "\",\"force\":true,\"actions\":"
                    + "[{\"action\":\"update\",\"file_path\":\"host/stow.yaml\",\"content\":\"x: 1\\n\"}]}"));
  }

  @Test
  void mergeRequests_createUpdateAndListAcrossPages() throws Exception {
    gitlab.project();
    String mr =
        "{\"id\":7,\"iid\":1,\"web_url\":\"https://git.example.com/ops/deployments/-/"
            + "merge_requests/1\",\"state\":\"opened\",\"source_branch\":\"suggest/x\","
            + "\"target_branch\":\"main\",\"title\":\"T\",\"description\":\"D\",\"assignees\":"
            + "[{\"id\":5}],\"force_remove_source_branch\":true}";
    gitlab.json(201, mr);
    gitlab.json(200, mr);
    String next = gitlab.server.url("/api/v4/projects/42/merge_requests?page=2").toString();
    gitlab.server.enqueue(
        new MockResponse()
            .setBody("[" + mr + "]")
            .setHeader("Link", "<" + next + ">; rel=\"next\", <" + next + ">; rel=\"last\""));
    gitlab.server.enqueue(new MockResponse().setBody("[" + mr + "]").setHeader("X-Next-Page", "3"));
    gitlab.server.enqueue(new MockResponse().setBody("[]").setHeader("X-Next-Page", ""));
    GitLabClient client = gitlab.client();

    MergeRequest created =
        client.createMergeRequest(
            MergeRequestChanges.create("suggest/x", "main", "T", "D").withAssignees(List.of(5L)));
    MergeRequest updated = client.updateMergeRequest(1, MergeRequestChanges.update("T", "D"));
    List<MergeRequest> open = client.openMergeRequests("suggest/x");

    assertThat(created.assigneeIds()).containsExactly(5L);
    assertThat(created.removeSourceBranch()).isTrue();
    assertThat(updated.iid()).isEqualTo(1);
    assertThat(open).hasSize(2);
    gitlab.take();
    RecordedRequest create = gitlab.take();
    assertThat(Json.MAPPER.readTree(create.getBody().readUtf8()))
        .isEqualTo(
            Json.MAPPER.readTree(
                "{\"title\":\"T\",\"description\":\"D\","
                    + "\"remove_source_branch\":true,\"assignee_ids\":[5],\"source_branch\":\"suggest/x\","
                    + "\"target_branch\":\"main\"}"));
    RecordedRequest update = gitlab.take();
    assertThat(update.getMethod()).isEqualTo("PUT");
    assertThat(update.getPath()).isEqualTo("/api/v4/projects/42/merge_requests/1");
    assertThat(gitlab.take().getPath())
        .isEqualTo(
            "/api/v4/projects/42/merge_requests?state=opened&source_branch=suggest%2Fx&per_page=100");
    assertThat(gitlab.take().getPath()).isEqualTo("/api/v4/projects/42/merge_requests?page=2");
    assertThat(gitlab.take().getPath()).isEqualTo("/api/v4/projects/42/merge_requests?page=3");
  }

  @Test
  void pagination_refusesANextLinkToAnotherServer() {
    gitlab.project();
    gitlab.server.enqueue(
        new MockResponse()
            .setBody("[]")
            .setHeader("Link", "<https://evil.example.com/api/v4/x?page=2>; rel=\"next\""));
    GitLabClient client = gitlab.client();

    assertThatThrownBy(() -> client.openMergeRequests("suggest/x"))
        .isInstanceOf(GitLabException.class)
        .hasMessageContaining("another server");
    assertThat(gitlab.server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void users_byUsernameAndById() throws Exception {
    gitlab.json(200, "[{\"id\":5,\"username\":\"alice\",\"state\":\"active\"}]");
    gitlab.json(404, "{\"message\":\"404 User Not Found\"}");
    GitLabClient client = gitlab.client();

    assertThat(client.findUser("alice")).contains(new User(5, "alice", "active"));
    assertThat(client.findUser(99)).isEmpty();
    assertThat(gitlab.take().getPath()).isEqualTo("/api/v4/users?username=alice");
    assertThat(gitlab.take().getPath()).isEqualTo("/api/v4/users/99");
  }
}
