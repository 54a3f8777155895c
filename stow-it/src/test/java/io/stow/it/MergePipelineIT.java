package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.stow.it.ci.MergeTemplate;
import io.stow.it.ci.RecordingDaemons;
import io.stow.it.ci.RecordingDaemons.Request;
import io.stow.it.support.Distributions;
import io.stow.it.support.Shell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The script of stow-merge-gitlab-ci.yaml, exactly as the template holds it, run by real shells
 * (dash, bash with GitLab's set -eo pipefail, busybox ash) with real git and curl in a real
 * repository of deployment folders, against recording daemons on loopback.
 */
class MergePipelineIT {

  private static final String TOKEN = "SENTINEL-trigger-token-ci";
  private static final Pattern RETRY =
      Pattern.compile("retrying in (\\d+)s \\(attempt (\\d+) of (\\d+)\\)");

  @TempDir Path temp;

  private final RecordingDaemons daemons = new RecordingDaemons();
  private final MergeTemplate template = MergeTemplate.read();
  private Path repo;
  private Shell shell;
  private String first;

  @BeforeEach
  void deploymentRepository() throws IOException {
    shell = new Shell(temp.resolve("logs"));
    repo = Files.createDirectories(temp.resolve("deployments"));
    git("init", "-q", "-b", "main");
    write("README.md", "deployments\n");
    write(
        "host-a/stow.yaml",
        "deployment:\n  name: a\n  daemonBaseUrl: "
            + daemons.url("a")
            + "/   # the host's daemon\n"
            + "containers: []\n");
    write(
        "host-b/stow.yaml",
        "# quoted keys, a commented-out and a nested decoy\n\"deployment\":\n  name: b\n"
            + "  # daemonBaseUrl: http://127.0.0.1:1/commented\n  verify:\n"
            + "    daemonBaseUrl: http://127.0.0.1:1/nested\n"
            + "  \"daemonBaseUrl\": \""
            + daemons.url("b")
            + "\" # double quoted\n"
            + "containers: []\n");
    write("host-b/app.conf", "v=1\n");
    write(
        "host-c/stow.yaml",
        "deployment:\n  daemonBaseUrl: '" + daemons.url("c") + "'\n  name: c\ncontainers: []\n");
    write("host-c/conf/nginx.conf", "v=1\n");
    write(
        "host-e/stow.yaml",
        "deployment:\n  name: e\n  daemonBaseUrl: " + daemons.url("c") + "\ncontainers: []\n");
    write("host-d/stow.yaml", "deployment:\n  name: d\ncontainers: []\n");
    write(
        "region-1/host-f/stow.yaml",
        "containers: []\ndeployment:\n  name: f\n  daemonBaseUrl: " + daemons.url("f") + "\n");
    write(
        "host-g/stow.yaml", "deployment:\n  name: g\n  daemonBaseUrl: " + daemons.url("g") + "\n");
    git("add", "-A");
    git("commit", "-q", "-m", "first");
    first = git("rev-parse", "HEAD");
  }

  @AfterEach
  void stop() {
    daemons.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"dash", "bash", "busybox"})
  void merge_triggersExactlyTheDaemonsOfChangedFolders_andSurvivesA503(String shellName)
      throws IOException {
    String head =
        change(
            "host-b/app.conf",
            "host-c/conf/nginx.conf",
            "host-e/x",
            "host-d/x",
            "region-1/host-f/x",
            "README.md");
    daemons.fail("b", 503, 1);

    Shell.Result run = runScript(shellName, first, head, Map.of("STOW_TRIGGER_TOKEN", TOKEN));

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(triggered()).containsExactly("b", "b", "c", "f");
    assertThat(daemons.requests())
        .allSatisfy(
            r -> {
              assertThat(r.method()).isEqualTo("POST");
              assertThat(r.path()).isEqualTo("/trigger");
              assertThat(r.query()).isEqualTo("head_hash=" + head);
              assertThat(r.authorization()).contains("Bearer " + TOKEN);
            });
    assertThat(run.output())
        .contains("answered 503")
        .contains("host-d: no deployment.daemonBaseUrl in its stow.yaml: skipped")
        .contains("host-e: daemon " + daemons.url("c") + " already triggered")
        .doesNotContain(TOKEN);
    assertWaitsWithinTheirCeilings(run, 1);
  }

  @Test
  void merge_givesUpAfterItsBound_andFails() throws IOException {
    String head = change("host-a/x", "host-c/x");
    daemons.fail("a", 503, -1);

    Shell.Result run =
        runScript(
            "dash", first, head, Map.of("STOW_TRIGGER_ATTEMPTS", "3", "STOW_TRIGGER_BACKOFF", "1"));

    assertThat(run.exitCode()).isNotZero();
    assertThat(triggered()).containsExactly("a", "a", "a", "c");
    assertThat(run.output())
        .contains("gave up after 3 attempt(s)")
        .contains("1 daemon(s) or folder(s) failed");
    assertWaitsWithinTheirCeilings(run, 1);
  }

  @Test
  void merge_withA429_waitsAsRetryAfterAsks() throws IOException {
    String head = change("host-c/x");
    daemons.fail("c", 429, 1);

    Shell.Result run = runScript("dash", first, head, Map.of("STOW_TRIGGER_MAX_BACKOFF", "1"));

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(triggered()).containsExactly("c", "c");
  }

  @Test
  void firstPush_triggersTheDaemonOfEveryFolder() throws IOException {
    String head = git("rev-parse", "HEAD");

    Shell.Result run = runScript("dash", "0".repeat(40), head, Map.of());

    assertThat(run.exitCode()).as("%s", run).isZero();
    // folders in name order: host-* before region-1/host-f
    assertThat(triggered()).containsExactly("a", "b", "c", "g", "f");
    assertThat(run.output()).contains("first push of the branch: every folder");
  }

  @Test
  void previousCommitNotInTheClone_triggersEveryFolder() throws IOException {
    String head = change("host-a/x");

    Shell.Result run = runScript("dash", "1".repeat(40), head, Map.of());

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(triggered()).containsExactly("a", "b", "c", "g", "f");
    assertThat(run.output()).contains("is not in this clone");
  }

  @Test
  void nothingDeployedChanged_triggersNothing() throws IOException {
    String head = change("README.md");

    Shell.Result run = runScript("dash", first, head, Map.of());

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(daemons.requests()).isEmpty();
    assertThat(run.output()).contains("no deployment folder (holding stow.yaml) changed");
  }

  @Test
  void waitVariant_followsEachDaemonWithStowTriggerWait() throws IOException {
    String head = change("host-c/x", "region-1/host-f/x");
    Map<String, String> extra = new HashMap<>(template.variables(".stow-trigger-wait"));
    extra.put("STOW_BIN", Distributions.singleFile().toString());
    extra.put("JAVA_HOME", Distributions.javaHome().toString());
    extra.put("STOW_TRIGGER_TOKEN", TOKEN);

    Shell.Result run = runScript("dash", first, head, extra);

    assertThat(run.exitCode()).as("%s", run).isZero();
    assertThat(daemons.requests().stream().map(r -> r.daemon() + " " + r.method() + " " + r.path()))
        .containsExactly("c POST /trigger", "c GET /status", "f POST /trigger", "f GET /status");
    assertThat(daemons.requests())
        .allSatisfy(r -> assertThat(r.authorization()).contains("Bearer " + TOKEN));
    assertThat(run.output()).contains("the host runs").doesNotContain(TOKEN);
  }

  @Test
  void template_runsOnTheDefaultBranchOnly_andTheWaitVariantExtendsIt() {
    assertThat(template.job("stow-trigger").get("extends").asText()).isEqualTo(".stow-trigger");
    assertThat(template.job(".stow-trigger").get("rules").toString())
        .contains("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH");
    assertThat(template.variables(".stow-trigger-wait")).containsEntry("STOW_WAIT", "true");
  }

  /** Commits a change to each file and returns the new head. */
  private String change(String... files) throws IOException {
    for (String file : files) {
      Path path = repo.resolve(file);
      Files.createDirectories(path.getParent());
      Files.writeString(path, "changed " + System.nanoTime() + "\n");
    }
    git("add", "-A");
    git("commit", "-q", "-m", "change");
    return git("rev-parse", "HEAD");
  }

  private Shell.Result runScript(
      String shellName, String before, String head, Map<String, String> extra) throws IOException {
    Path script = Files.writeString(temp.resolve("job.sh"), template.script(".stow-trigger"));
    Map<String, String> env = Distributions.environment("/usr/local/bin:/usr/bin:/bin", temp);
    env.putAll(template.variables(".stow-trigger"));
    env.put("STOW_TRIGGER_BACKOFF", "1");
    env.put("CI_COMMIT_SHA", head);
    env.put("CI_COMMIT_BEFORE_SHA", before);
    env.put("CI_COMMIT_BRANCH", "main");
    env.put("CI_DEFAULT_BRANCH", "main");
    env.putAll(extra);
    List<String> command =
        switch (shellName) {
          case "dash" -> List.of("dash", "-e", script.toString());
          case "bash" -> List.of("bash", "-e", "-o", "pipefail", script.toString());
          case "busybox" -> List.of("busybox", "sh", "-e", script.toString());
          default -> throw new IllegalArgumentException(shellName);
        };
    return shell.run(repo, env, Duration.ofMinutes(2), command);
  }

  /** The daemons that received a trigger, one entry per request, in order. */
  private List<String> triggered() {
    List<String> names = new ArrayList<>();
    for (Request r : daemons.requests()) {
      if (r.path().equals("/trigger")) {
        names.add(r.daemon());
      }
    }
    return names;
  }

  /** Every wait is in [0, min(max, base * 2^(n-2))] for attempt n: full jitter, doubling. */
  private static void assertWaitsWithinTheirCeilings(Shell.Result run, int base) {
    Matcher retry = RETRY.matcher(run.output());
    int seen = 0;
    while (retry.find()) {
      int wait = Integer.parseInt(retry.group(1));
      int attempt = Integer.parseInt(retry.group(2));
      assertThat(wait).isBetween(0, base << (attempt - 2));
      seen++;
    }
    assertThat(seen).as("retries in %s", run).isPositive();
  }

  private void write(String relative, String content) throws IOException {
    Path path = repo.resolve(relative);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
  }

  private String git(String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Map<String, String> env = Distributions.environment("/usr/bin:/bin", temp);
    env.put("GIT_AUTHOR_NAME", "stow tests");
    env.put("GIT_AUTHOR_EMAIL", "tests@stow.invalid");
    env.put("GIT_COMMITTER_NAME", "stow tests");
    env.put("GIT_COMMITTER_EMAIL", "tests@stow.invalid");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    Shell.Result result = shell.run(repo, env, Duration.ofMinutes(1), command);
    assertThat(result.exitCode()).as("git %s: %s", List.of(args), result).isZero();
    return result.stdout().strip();
  }
}
