package io.stow.engine.suggest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.engine.suggest.SuggestImageReport.Outcome;
import io.stow.model.parse.DescriptorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** suggest-image on a deployment folder described by a Compose file. */
class SuggestImageComposeTest {

  private static final String OLD = "registry.example.com/web:1.0@sha256:" + "a".repeat(64);
  private static final String NEW = "registry.example.com/web:1.1@sha256:" + "b".repeat(64);
  private static final String COMPOSE =
      """
      # the shop
      x-stow:
        daemonBaseUrl: https://shop-host:17403/
      services:
        web:   # front
          image: "%s"  # bumped by CI
          ports: ["${PORT:?set PORT in .env}:80"]
        worker:
          build: ./worker
      """
          .formatted(OLD);

  private final FakeGitLabApi gitlab = new FakeGitLabApi();
  private final List<String> lines = new ArrayList<>();
  private String head =
      gitlab.commitFiles("main", Map.of("h/compose.yaml", COMPOSE, "h/.env", "PORT=8080\n"));

  private SuggestImageReport run(String container, boolean dryRun) {
    SuggestListener listener =
        new SuggestListener() {
          @Override
          public void info(String line) {
            lines.add(line);
          }

          @Override
          public void warning(String line) {
            lines.add("warning: " + line);
          }
        };
    return new SuggestImage(
            gitlab, tagged -> Optional.empty(), (f, a, b) -> Optional.empty(), listener)
        .run(
            new SuggestImageRequest(
                "ops/deployments",
                "h",
                container,
                "registry.example.com/web:1.1",
                Optional.of("b".repeat(64)),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                false,
                dryRun));
  }

  @Test
  void aComposeService_isBumpedInPlace_withTheBadgeOfXStowDaemonBaseUrl() {
    SuggestImageReport report = run("web", false);

    assertThat(report.outcome()).isEqualTo(Outcome.CREATED);
    String commit = report.commit().orElseThrow();
    assertThat(gitlab.parents.get(commit)).containsExactly(head);
    assertThat(gitlab.trees.get(commit).get("h/compose.yaml")).isEqualTo(COMPOSE.replace(OLD, NEW));
    assertThat(gitlab.trees.get(commit)).doesNotContainKey("h/stow.yaml");
    assertThat(report.title()).isEqualTo("Bump h/web to 1.1");
    assertThat(report.description())
        .contains(
            "[![stow](https://shop-host:17403/gitlab.svg?git_hash="
                + commit
                + ")](https://shop-host:17403/status?head_hash="
                + commit
                + ")");
    assertThat(gitlab.writes()).containsExactly("POST commit suggest/h-web", "POST merge request");
    assertThat(lines).contains("read h/compose.yaml at main (" + head + ")");

    gitlab.calls.clear();
    assertThat(run("web", false).outcome()).isEqualTo(Outcome.ALREADY_PROPOSED);
    assertThat(gitlab.writes()).isEmpty();
  }

  @Test
  void dryRun_showsTheComposeFilesDiff_andWritesNothing() {
    SuggestImageReport report = run("web", true);

    assertThat(report.outcome()).isEqualTo(Outcome.DRY_RUN);
    assertThat(report.diff())
        .startsWith("--- a/h/compose.yaml\n+++ b/h/compose.yaml\n")
        .contains("-    image: \"" + OLD + "\"  # bumped by CI")
        .contains("+    image: \"" + NEW + "\"  # bumped by CI");
    assertThat(report.description()).contains("https://shop-host:17403/status?head_hash=");
    assertThat(gitlab.writes()).isEmpty();
  }

  @Test
  void stowYamlBesideAComposeFile_isRefused_namingBoth() {
    head = gitlab.commitFiles("main", Map.of("h/stow.yaml", "deployment: {name: h}\n"));

    assertThatThrownBy(() -> run("web", false))
        .isInstanceOf(DescriptorException.class)
        .hasMessage(
            "h/compose.yaml: the folder holds stow.yaml and compose.yaml; a deployment folder"
                + " has exactly one of stow.yaml or a Compose file: remove the others");
    assertThat(gitlab.writes()).isEmpty();
  }

  @Test
  void twoComposeFiles_areRefused_namingBoth() {
    head = gitlab.commitFiles("main", Map.of("h/docker-compose.yml", COMPOSE));

    assertThatThrownBy(() -> run("web", false))
        .isInstanceOf(DescriptorException.class)
        .hasMessageStartingWith(
            "h/docker-compose.yml: the folder holds compose.yaml and docker-compose.yml;");
    assertThat(gitlab.writes()).isEmpty();
  }

  @Test
  void aFolderWithoutAManifest_namesTheFolderAndTheAcceptedFiles() {
    gitlab.trees.get(head).clear();

    assertThatThrownBy(() -> run("web", false))
        .isInstanceOf(SuggestImageException.class)
        .hasMessage(
            "h holds no stow.yaml or a Compose file (compose.yaml, compose.yml,"
                + " docker-compose.yaml, docker-compose.yml) at main ("
                + head
                + ") of ops/deployments; check --subfolder");
  }

  @Test
  void aBuildOnlyService_isRefusedWithFileLineAndService() {
    assertThatThrownBy(() -> run("worker", false))
        .isInstanceOf(DescriptorException.class)
        .hasMessageStartingWith(
            "h/compose.yaml:8:3: services.worker.image: service 'worker' has no image: it is"
                + " built from build:");
    assertThat(gitlab.writes()).isEmpty();
  }

  @Test
  void aServiceWithABuildAndAnImage_isRefused_sinceItsImageIsNeverDeployed() {
    head =
        gitlab.commitFiles(
            "main",
            Map.of(
                "h/compose.yaml",
                COMPOSE.replace("  worker:\n", "  worker:\n    image: " + OLD + "\n")));

    assertThatThrownBy(() -> run("worker", false))
        .isInstanceOf(DescriptorException.class)
        .hasMessage(
            "h/compose.yaml:9:12: services.worker.image: service 'worker' has a build: stow"
                + " deploys what it builds, not this image; remove build: to deploy a registry"
                + " image");
    assertThat(gitlab.writes()).isEmpty();
  }

  @Test
  void anEditedFileThatDoesNotValidate_neverReachesAMergeRequest() {
    head =
        gitlab.commitFiles(
            "main",
            Map.of(
                "h/compose.yaml",
                COMPOSE.replace("  worker:\n", "  worker:\n    restart: often\n")));

    assertThatThrownBy(() -> run("web", false))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("h/compose.yaml:9:")
        .hasMessageContaining("services.worker.restart");
    assertThat(gitlab.writes()).isEmpty();
  }

  @Test
  void theVariablesOfAPlainDotenvAreUsed_andAnUnreadableOneIsLeftOut() {
    head = gitlab.commitFiles("main", Map.of("h/.env", "PORT=8080\nsops_version=3.8.1\n"));

    assertThatThrownBy(() -> run("web", true))
        .isInstanceOf(DescriptorException.class)
        .hasMessageContaining("set PORT in .env");
    assertThat(lines)
        .contains(
            "h/.env cannot be read without keys (SOPS-encrypted or not dotenv text); the edited"
                + " Compose file is checked without its variables");
    assertThat(String.join("\n", lines)).doesNotContain("8080");
  }
}
