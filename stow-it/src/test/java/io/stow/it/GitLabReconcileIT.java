package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stow.docker.ContainerState;
import io.stow.it.gitlab.FakeGitLab;
import io.stow.it.gitlab.FakeProject;
import io.stow.it.gitlab.Fault;
import io.stow.it.gitlab.Route;
import io.stow.it.support.HostFacts;
import io.stow.it.support.StowProcess;
import io.stow.it.support.StowYaml;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stow reconcile --config}: the host deploys the head of the default branch of the fake
 * GitLab on the real engine, never another branch, and leaves what runs alone when GitLab fails.
 */
class GitLabReconcileIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private static final String TOKEN = "glpat-SENTINEL-reconcile-93c1";
  private static final Duration CLI_TIMEOUT = Duration.ofSeconds(120);

  private final ImageRef image1 = TestImages.get().first();
  private final ImageRef image2 = TestImages.get().second();
  private final FakeGitLab gitlab = FakeGitLab.start();
  private final FakeProject project;
  private final List<String> outputs = new ArrayList<>();

  @TempDir Path temp;

  GitLabReconcileIT() {
    gitlab.user(3, "host-bot").accessToken(TOKEN, "host-bot", false);
    project = gitlab.createProject("ops/deployments").member("host-bot");
  }

  @AfterEach
  void noTokenAnywhere() {
    try {
      outputs.add(gitlab.requests().toString());
      assertThat(outputs).allSatisfy(o -> assertThat(o).doesNotContain(TOKEN));
    } finally {
      gitlab.close();
    }
  }

  private String descriptor(String deployment, String container, ImageRef image) {
    return StowYaml.deployment(deployment)
        .verify("20s", "1s")
        .container(StowYaml.Container.of(container, image).command("sleep", "3600"))
        .render();
  }

  private Path config(String subfolder) throws Exception {
    Path file = temp.resolve("etc/daemon.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "gitlabBase: "
            + gitlab.baseUrl()
            + "\nproject: ops/deployments\ngitlabToken: "
            + TOKEN
            + "\nsubfolder: "
            + subfolder
            + "\nstateDir: "
            + temp.resolve("state")
            + "\n",
        StandardCharsets.UTF_8);
    return file;
  }

  private StowProcess.Result reconcile(Path config, String label, String... extra) {
    List<String> args = new ArrayList<>(List.of("reconcile", "--config", config.toString()));
    args.addAll(List.of(extra));
    StowProcess.Result result =
        StowProcess.run(temp.resolve("logs"), label, CLI_TIMEOUT, args.toArray(String[]::new));
    outputs.add(result.toString());
    return result;
  }

  private String runningImage(String deployment, String container) {
    return HostFacts.containers(docker, deployment).get(container).image();
  }

  @Test
  void deploysWhatIsMergedIntoTheDefaultBranch_andNeverAnotherBranch() throws Exception {
    String deployment = docker.name("gitlab");
    String web = docker.name(deployment + "-web");
    String v1 =
        project.commit(
            "main",
            "first",
            Map.of("host-1/stow.yaml", descriptor(deployment, web, image1), "host-1/a.conf", "1"));
    Path config = config("host-1");

    StowProcess.Result first = reconcile(config, "first", "--plan-json");
    assertThat(first.exitCode()).as("%s", first).isZero();
    JsonNode plan = new ObjectMapper().readTree(first.stdout());
    assertThat(plan.path("revision").asText()).isEqualTo(v1);
    assertThat(plan.path("hashes").path("deployment_hash").asText()).hasSize(64);
    assertThat(runningImage(deployment, web)).isEqualTo(image1.toString());
    assertThat(temp.resolve("state/running-config/.git-revision")).hasContent(v1);

    // a commit on another branch, e.g. an unmerged suggestion, is never deployed
    project.commit(
        "suggest/host-1-web",
        "bump",
        Map.of("host-1/stow.yaml", descriptor(deployment, web, image2)));
    StowProcess.Result other = reconcile(config, "other", "--plan-json");
    assertThat(other.exitCode()).as("%s", other).isZero();
    assertThat(new ObjectMapper().readTree(other.stdout()).path("revision").asText()).isEqualTo(v1);
    assertThat(runningImage(deployment, web)).isEqualTo(image1.toString());

    // merged: the next reconcile deploys it
    String v2 =
        project.commit(
            "main", "merge bump", Map.of("host-1/stow.yaml", descriptor(deployment, web, image2)));
    StowProcess.Result merged = reconcile(config, "merged");
    assertThat(merged.exitCode()).as("%s", merged).isZero();
    assertThat(runningImage(deployment, web)).isEqualTo(image2.toString());
    assertThat(temp.resolve("state/running-config/.git-revision")).hasContent(v2);
    assertThat(temp.resolve("state/running-config/a.conf")).hasContent("1");
  }

  @Test
  void aGitLabThatAnswers500_leavesTheRunningContainersUntouchedAndSaysWhy() throws Exception {
    String deployment = docker.name("gitlab500");
    String web = docker.name(deployment + "-web");
    project.commit(
        "main", "first", Map.of("host-2/stow.yaml", descriptor(deployment, web, image1)));
    Path config = config("host-2");
    assertThat(reconcile(config, "first").exitCode()).isZero();
    ContainerState before = HostFacts.containers(docker, deployment).get(web);
    project.commit(
        "main", "second", Map.of("host-2/stow.yaml", descriptor(deployment, web, image2)));

    gitlab.inject(
        Route.ARCHIVE, 10, Fault.status(500, "{\"message\":\"500 Internal Server Error\"}"));
    StowProcess.Result failed = reconcile(config, "failed");

    assertThat(failed.exitCode()).as("%s", failed).isEqualTo(1);
    assertThat(failed.stderr())
        .contains("GitLab")
        .contains("500")
        .contains("nothing on the host was changed");
    ContainerState after = HostFacts.containers(docker, deployment).get(web);
    assertThat(after.id()).isEqualTo(before.id());
    assertThat(after.running()).isTrue();
    assertThat(after.image()).isEqualTo(image1.toString());
  }

  @Test
  void aWrongSubfolder_failsBeforeChangingAnythingAndNamesIt() throws Exception {
    project.commit("main", "first", Map.of("host-3/stow.yaml", "deployment:\n  name: x\n"));
    StowProcess.Result result = reconcile(config("no-such-host"), "missing");

    assertThat(result.exitCode()).as("%s", result).isEqualTo(1);
    assertThat(result.stderr()).contains("no-such-host").contains("subfolder");
    assertThat(temp.resolve("state/running-config")).doesNotExist();
  }
}
