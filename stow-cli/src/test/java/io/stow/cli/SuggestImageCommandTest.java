package io.stow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.gitlab.GitLabApi;
import io.stow.gitlab.GitLabToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SuggestImageCommandTest {

  private static final String[] ARGS = {
    "suggest-image",
    "--project",
    "ops/d",
    "--subfolder",
    "h",
    "--container",
    "web",
    "--image",
    "registry.example.com/web:1.1",
    "--digest",
    "a".repeat(64)
  };

  private final List<String> clients = new ArrayList<>();

  private CliRun run(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Console console =
        new Console(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            false);
    CliComposition composition =
        new CliComposition(console) {
          @Override
          Map<String, String> environment() {
            return env;
          }

          @Override
          GitLabApi gitLab(String url, GitLabToken token, String project, Consumer<String> notes) {
            clients.add(url + " " + token);
            throw new AssertionError("no GitLab client may be built here");
          }
        };
    int status = new StowCli(console, composition.commands()).run(args);
    return new CliRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aJobTokenAlone_isRefusedBeforeAnyRequest() {
    CliRun run =
        run(Map.of("CI_API_V4_URL", "https://git/api/v4", "CI_JOB_TOKEN", "job-SECRET"), ARGS);

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("job tokens cannot create commits, branches or merge requests")
        .contains("set GITLAB_ACCESS_TOKEN")
        .doesNotContain("job-SECRET");
    assertThat(clients).isEmpty();
  }

  @Test
  void withoutTheApiUrl_itSaysWhichVariable() {
    CliRun run = run(Map.of("GITLAB_ACCESS_TOKEN", "glpat-SECRET"), ARGS);

    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).contains("CI_API_V4_URL is not set").doesNotContain("glpat-SECRET");
    assertThat(clients).isEmpty();
  }

  @Test
  void missingOptionsAndBadValues_areUsageErrors() {
    CliRun missing = run(Map.of(), "suggest-image", "--image", "web:1");
    CliRun badAssign =
        run(
            Map.of(),
            ARGS[0],
            ARGS[1],
            ARGS[2],
            ARGS[3],
            ARGS[4],
            ARGS[5],
            ARGS[6],
            ARGS[7],
            ARGS[8],
            "--assign",
            "someone");

    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("--project, --subfolder, --container required");
    assertThat(badAssign.status()).isEqualTo(2);
    assertThat(badAssign.err()).contains("'someone' is not gitlab_user_id");
  }
}
