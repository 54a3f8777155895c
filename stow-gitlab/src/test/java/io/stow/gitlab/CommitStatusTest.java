package io.stow.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stow.gitlab.CommitStatusRequest.State;
import java.util.Optional;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommitStatusTest {

  private static final String SHA = "c".repeat(40);
  private final GitLabServer gitlab;

  CommitStatusTest() throws Exception {
    gitlab = new GitLabServer();
  }

  @AfterEach
  void stop() throws Exception {
    gitlab.close();
  }

  @Test
  void setCommitStatus_postsStateNameRefLinkAndDescription() throws Exception {
    gitlab.project();
    gitlab.json(201, "{\"id\":7,\"sha\":\"" + SHA + "\",\"status\":\"running\"}");

    gitlab
        .client()
        .setCommitStatus(
            SHA,
            new CommitStatusRequest(
                State.RUNNING,
                "stow/host-1",
                Optional.of("main"),
                Optional.of("https://host-1.example.com:17403/status?head_hash=" + SHA),
                Optional.of("deploying")));

    gitlab.take();
    RecordedRequest post = gitlab.take();
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getPath()).isEqualTo("/api/v4/projects/42/statuses/" + SHA);
    JsonNode body = Json.MAPPER.readTree(post.getBody().readUtf8());
    assertThat(body.path("state").asText()).isEqualTo("running");
    assertThat(body.path("name").asText()).isEqualTo("stow/host-1");
    assertThat(body.path("ref").asText()).isEqualTo("main");
    assertThat(body.path("target_url").asText()).endsWith("/status?head_hash=" + SHA);
    assertThat(body.path("description").asText()).isEqualTo("deploying");
  }

  @Test
  void setCommitStatus_toTheStateItHasAlready_isNoError() {
    gitlab.project();
    gitlab.json(400, "{\"message\":\"Cannot transition status via :run from :running\"}");

    gitlab
        .client()
        .setCommitStatus(
            SHA,
            new CommitStatusRequest(
                State.RUNNING, "stow/h", Optional.empty(), Optional.empty(), Optional.empty()));

    assertThat(gitlab.server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void setCommitStatus_withoutTheApiScope_isA403SayingWhatToDo() {
    gitlab.project();
    gitlab.json(
        403,
        "{\"error\":\"insufficient_scope\",\"error_description\":\"The request requires higher"
            + " privileges than provided by the access token.\",\"scope\":\"api\"}");

    assertThatThrownBy(
            () ->
                gitlab
                    .client()
                    .setCommitStatus(
                        SHA,
                        new CommitStatusRequest(
                            State.SUCCESS,
                            "stow/h",
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty())))
        .isInstanceOfSatisfying(GitLabException.class, e -> assertThat(e.is(403)).isTrue())
        .hasMessageContaining("POST /projects/ops%2Fdeployments/statuses/" + SHA)
        .hasMessageContaining("api scope");
  }
}
