package io.stow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.cli.trigger.TestCa;
import io.stow.gitlab.GitLabApi;
import io.stow.gitlab.GitLabToken;
import io.stow.gitlab.GitLabTrust;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  private static final Map<String, String> GITLAB =
      Map.of("CI_API_V4_URL", "https://git/api/v4", "GITLAB_ACCESS_TOKEN", "glpat-SECRET");

  private final List<String> clients = new ArrayList<>();
  private final List<GitLabTrust> trusts = new ArrayList<>();

  @TempDir Path work;

  private static String[] with(String... extra) {
    List<String> args = new ArrayList<>(List.of(ARGS));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

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
          Path workingDirectory() {
            return work;
          }

          @Override
          GitLabApi gitLab(
              String url,
              GitLabToken token,
              String project,
              GitLabTrust trust,
              Consumer<String> notes) {
            clients.add(url + " " + token);
            trusts.add(trust);
            throw new ClientBuilt();
          }
        };
    int status = new StowCli(console, composition.commands()).run(args);
    return new CliRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Stops the command where it would start talking to GitLab. */
  private static final class ClientBuilt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientBuilt() {
      super("the test stops here: a GitLab client was built");
    }
  }

  @Test
  void withoutACaFile_theClientTrustsTheJavaRuntimesCas_andSaysHowToAddOne() {
    run(GITLAB, ARGS);

    assertThat(trusts).singleElement().satisfies(t -> assertThat(t.extra()).isEmpty());
    assertThat(trusts.get(0).advice())
        .contains("--gitlab-ca-cert FILE")
        .contains("CI_SERVER_TLS_CA_FILE");
  }

  @Test
  void gitlabCaCert_isReadRelativeToTheWorkingDirectory() throws Exception {
    new TestCa().writeCaPem(work.resolve("ca.pem"));

    run(GITLAB, with("--gitlab-ca-cert", "ca.pem"));

    assertThat(trusts).singleElement().satisfies(t -> assertThat(t.extra()).isPresent());
    assertThat(trusts.get(0).extra().orElseThrow().file()).isEqualTo(work.resolve("ca.pem"));
    assertThat(trusts.get(0).extra().orElseThrow().subjects()).containsExactly(TestCa.CA_SUBJECT);
  }

  @Test
  void theRunnersCaFile_isUsed_andTheOptionWinsOverIt() throws Exception {
    Path runner = new TestCa().writeCaPem(work.resolve("runner-ca.pem"));
    Map<String, String> env = new HashMap<>(GITLAB);
    env.put("CI_SERVER_TLS_CA_FILE", runner.toString());
    Path own = Files.writeString(work.resolve("own.pem"), Files.readString(runner));

    run(env, ARGS);
    run(env, with("--gitlab-ca-cert", own.toString()));

    assertThat(trusts).extracting(t -> t.extra().orElseThrow().file()).containsExactly(runner, own);
  }

  @Test
  void anUnusableCaFile_failsBeforeAnyClient_namingTheOptionOrTheVariable() throws Exception {
    Files.writeString(work.resolve("notes.txt"), "no certificate here\n");
    Map<String, String> env = new HashMap<>(GITLAB);
    env.put("CI_SERVER_TLS_CA_FILE", work.resolve("gone.pem").toString());

    CliRun option = run(GITLAB, with("--gitlab-ca-cert", "notes.txt"));
    CliRun variable = run(env, ARGS);

    assertThat(option.status()).isEqualTo(1);
    assertThat(option.err())
        .contains("error: --gitlab-ca-cert " + work.resolve("notes.txt") + ": it holds no")
        .contains("must be a PEM file with the certificate of the CA that signed GitLab's");
    assertThat(variable.status()).isEqualTo(1);
    assertThat(variable.err())
        .contains("error: CI_SERVER_TLS_CA_FILE " + work.resolve("gone.pem") + ": no such file");
    assertThat(clients).isEmpty();
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
