package io.stow.engine.suggest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.engine.suggest.SuggestImageReport.Outcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestImageTest {

  private static final String OLD = "registry.example.com/web:1.0@sha256:" + "a".repeat(64);
  private static final String YAML =
      "deployment:\n  name: h\n  daemonBaseUrl: https://d:17403/\n"
          + "containers:\n  - name: web  # front\n    image: "
          + OLD
          + "\n";

  private final FakeGitLabApi gitlab = new FakeGitLabApi();
  private final List<String> lines = new ArrayList<>();
  private final String head = gitlab.commitFiles("main", Map.of("h/stow.yaml", YAML));
  private Optional<String> repoDigest = Optional.empty();
  private Changelog changelog = (file, from, to) -> Optional.of("- " + from + " to " + to);

  private SuggestImageReport run(
      String image, Optional<String> digest, boolean dryRun, List<AssignAttempt> assign) {
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
    return new SuggestImage(gitlab, tagged -> repoDigest, changelog, listener)
        .run(
            new SuggestImageRequest(
                "ops/deployments",
                "h",
                "web",
                image,
                digest,
                assign,
                Optional.empty(),
                Optional.of(Path.of("CHANGELOG.md")),
                false,
                dryRun));
  }

  private SuggestImageReport bump(String digestHex) {
    return run("registry.example.com/web:1.1", Optional.of(digestHex), false, List.of());
  }

  @Test
  void firstRun_commitsFromTheHead_andCreatesTheMergeRequestWithBadgeAndChangelog() {
    gitlab.user(8, "alice", "active", true);

    SuggestImageReport report =
        run(
            "registry.example.com/web:1.1",
            Optional.of("b".repeat(64)),
            false,
            List.of(new AssignAttempt.ByUsername("alice")));

    assertThat(report.outcome()).isEqualTo(Outcome.CREATED);
    String commit = report.commit().orElseThrow();
    assertThat(gitlab.parents.get(commit)).containsExactly(head);
    assertThat(gitlab.trees.get(commit).get("h/stow.yaml"))
        .isEqualTo(YAML.replace(OLD, "registry.example.com/web:1.1@sha256:" + "b".repeat(64)));
    assertThat(report.description())
        .contains(
            "[![stow](https://d:17403/gitlab.svg?git_hash="
                + commit
                + ")](https://d:17403/status?head_hash="
                + commit
                + ")")
        .endsWith("Changelog:\n```markdown\n- 1.0 to 1.1\n```");
    assertThat(report.assignee()).contains(8L);
    assertThat(gitlab.writes()).containsExactly("POST commit suggest/h-web", "POST merge request");
    assertThat(gitlab.mergeRequests.get(0).removeSourceBranch()).isTrue();
  }

  @Test
  void sameInputTwice_secondRunWritesNothing() {
    bump("b".repeat(64));
    gitlab.calls.clear();

    SuggestImageReport again = bump("b".repeat(64));

    assertThat(again.outcome()).isEqualTo(Outcome.ALREADY_PROPOSED);
    assertThat(gitlab.writes()).isEmpty();
  }

  @Test
  void aNewDigest_isANewCommitOnTheCurrentHead_andUpdatesTheSameMergeRequest() {
    bump("b".repeat(64));
    String moved = gitlab.commitFiles("main", Map.of("h/other", "x"));
    gitlab.calls.clear();

    SuggestImageReport refresh = bump("c".repeat(64));

    assertThat(refresh.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(gitlab.parents.get(refresh.commit().orElseThrow())).containsExactly(moved);
    assertThat(gitlab.writes()).containsExactly("POST commit suggest/h-web", "PUT merge request 1");
    assertThat(gitlab.mergeRequests).hasSize(1);
  }

  @Test
  void theImageAlreadyOnTheDefaultBranch_isUpToDate_withoutAnyWrite() {
    SuggestImageReport report =
        run("registry.example.com/web:1.0", Optional.of("a".repeat(64)), false, List.of());

    assertThat(report.outcome()).isEqualTo(Outcome.UP_TO_DATE);
    assertThat(gitlab.writes()).isEmpty();
  }

  @Test
  void aConflictOnCreate_updatesTheMergeRequestOpenedMeanwhile() {
    gitlab.raceOnCreate = true;

    SuggestImageReport report = bump("b".repeat(64));

    assertThat(report.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(gitlab.writes())
        .containsExactly("POST commit suggest/h-web", "POST merge request", "PUT merge request 1");
    assertThat(gitlab.mergeRequests)
        .singleElement()
        .satisfies(mr -> assertThat(mr.title()).isEqualTo("Bump h/web to 1.1"));
  }

  @Test
  void assignees_skipInactiveAndDroppedUsers_untilOneSticks() {
    gitlab
        .user(8, "alice", "active", true)
        .user(9, "bob", "blocked", true)
        .user(10, "carol", "active", false);

    SuggestImageReport report =
        run(
            "registry.example.com/web:1.1",
            Optional.of("b".repeat(64)),
            false,
            List.of(
                new AssignAttempt.ById(9),
                new AssignAttempt.ById(10),
                new AssignAttempt.PipelineUser(),
                new AssignAttempt.ByUsername("alice")));

    assertThat(report.assignee()).contains(8L);
    assertThat(report.warnings()).hasSize(3);
    assertThat(gitlab.mergeRequests.get(0).assigneeIds()).containsExactly(8L);
  }

  @Test
  void withoutADigest_theRepoDigestIsUsed_andWithoutOneNothingIsAsked() {
    assertThatThrownBy(
            () -> run("registry.example.com/web:1.1", Optional.empty(), false, List.of()))
        .isInstanceOf(SuggestImageException.class)
        .hasMessageContaining("push the image first or pass --digest");
    assertThat(gitlab.calls).isEmpty();

    repoDigest = Optional.of("sha256:" + "D".repeat(64));
    SuggestImageReport report =
        run("registry.example.com/web:1.1", Optional.empty(), false, List.of());

    assertThat(report.newImage()).endsWith("@sha256:" + "d".repeat(64));
  }

  @Test
  void aChangelogThatCannotBeRead_isAWarning_andTheMergeRequestGoesOut() {
    changelog =
        (file, from, to) -> {
          throw new Changelog.ChangelogUnavailable("unknown revision 1.0");
        };

    SuggestImageReport report = bump("b".repeat(64));

    assertThat(report.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(report.description()).doesNotContain("Changelog");
    assertThat(report.warnings()).containsExactly("changelog skipped: unknown revision 1.0");
  }

  @Test
  void aNumericDowngrade_isRefusedBeforeAnyWrite() {
    assertThatThrownBy(
            () ->
                run("registry.example.com/web:0.9", Optional.of("b".repeat(64)), false, List.of()))
        .hasMessageContaining("tag 0.9 is lower than the current 1.0");
    assertThat(gitlab.writes()).isEmpty();
  }

  @Test
  void dryRun_reportsDiffTitleAndDescription_andWritesNothing() {
    SuggestImageReport report =
        run("registry.example.com/web:1.1", Optional.of("b".repeat(64)), true, List.of());

    assertThat(report.outcome()).isEqualTo(Outcome.DRY_RUN);
    assertThat(report.diff()).contains("-    image: " + OLD).contains("@@ -3,4 +3,4 @@");
    assertThat(report.title()).isEqualTo("Bump h/web to 1.1");
    assertThat(gitlab.writes()).isEmpty();
  }

  @Test
  void aMissingDescriptor_saysToCheckTheSubfolder() {
    gitlab.trees.get(head).clear();

    assertThatThrownBy(() -> bump("b".repeat(64)))
        .hasMessage(
            "h holds no stow.yaml or a Compose file (compose.yaml, compose.yml,"
                + " docker-compose.yaml, docker-compose.yml) at main ("
                + head
                + ") of ops/deployments; check --subfolder");
  }
}
