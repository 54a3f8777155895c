package io.stow.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GitLabErrorsTest {

  private final GitLabServer gitlab;

  GitLabErrorsTest() throws Exception {
    gitlab = new GitLabServer();
  }

  @AfterEach
  void stop() throws Exception {
    gitlab.close();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "401|{\"message\":\"401 Unauthorized\"}|401: 401 Unauthorized; the token is invalid or expired",
        "403|{\"message\":\"403 Forbidden\"}|403: 403 Forbidden; the token lacks the api scope",
        "404|{\"message\":\"404 Project Not Found\"}|404: 404 Project Not Found; project/branch/file"
            + " not found or the token cannot see it",
        "403|{\"error\":\"insufficient_scope\",\"error_description\":\"The request requires higher"
            + " privileges.\"}|insufficient_scope: The request requires higher privileges.",
        "400|{\"message\":{\"source_branch\":[\"is invalid\"],\"title\":[\"can't be blank\"]}}"
            + "|source_branch is invalid; title can't be blank",
        "409|{\"message\":[\"Another open merge request already exists for this source branch: !1\"]}"
            + "|409: Another open merge request already exists for this source branch: !1",
      })
  void messages_nameEndpointStatusGitLabsWordsAndAdvice(int status, String body, String expected) {
    gitlab.json(status, body);

    GitLabException e = catchThrowableOfType(GitLabException.class, gitlab.client()::project);

    assertThat(e.getMessage())
        .startsWith("GitLab GET /projects/ops%2Fdeployments answered " + status)
        .contains(expected);
    assertThat(e.is(status)).isTrue();
  }

  @Test
  void htmlErrorPages_fallBackToTheReasonPhrase() {
    gitlab.server.enqueue(new MockResponse().setResponseCode(502).setBody("<html>bad</html>"));
    GitLabClient client = gitlab.builder().retryPolicy(RetryPolicy.NONE).build();

    GitLabException e = catchThrowableOfType(GitLabException.class, client::project);

    assertThat(e.gitLabMessage()).isEqualTo("Server Error (gave up after 1 attempt(s) in 0 s)");
  }

  @Test
  void connectionFailure_isNamedWithAdvice() throws Exception {
    String url = gitlab.server.url("/").toString();
    gitlab.close();
    GitLabClient client = gitlab.builder().baseUrl(url).retryPolicy(RetryPolicy.NONE).build();

    GitLabException e = catchThrowableOfType(GitLabException.class, client::project);

    assertThat(e.getMessage())
        .contains("GitLab GET /projects/ops%2Fdeployments failed: cannot connect")
        .contains("check the GitLab API URL");
    assertThat(e.status()).isEmpty();
  }

  @Test
  void theTokenAppearsInNoMessageNoteOrToString() {
    String token = GitLabServer.TOKEN;
    // an error body that echoes the token must not carry it out either
    gitlab.json(401, "{\"message\":\"bad token " + token + "\"}");
    gitlab.server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "1"));
    gitlab.project();
    gitlab.json(403, "{\"message\":\"403 Forbidden\"}");
    gitlab.server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    List<String> seen = new ArrayList<>();
    GitLabClient client = gitlab.client();
    seen.add(client.toString());
    seen.add(GitLabToken.accessToken(token).toString());
    for (Runnable call :
        List.<Runnable>of(
            client::project,
            client::project,
            () -> client.findFile("a/stow.yaml", "main"),
            () -> client.archive("a".repeat(40), Optional.empty(), in -> 0))) {
      try {
        call.run();
      } catch (GitLabException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
          seen.add(String.valueOf(t.getMessage()));
          seen.add(t.toString());
        }
      }
    }
    seen.addAll(gitlab.notes);

    assertThat(seen).hasSizeGreaterThan(6).allSatisfy(s -> assertThat(s).doesNotContain(token));
    assertThat(String.join("\n", seen)).contains("bad token [redacted]");
  }
}
