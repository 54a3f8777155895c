package io.stow.engine.suggest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestValuesTest {

  private static SuggestImageRequest request(String subfolder, String image, String digest) {
    return new SuggestImageRequest(
        "ops/d",
        subfolder,
        "web",
        image,
        Optional.ofNullable(digest),
        List.of(),
        Optional.empty(),
        Optional.<Path>empty(),
        false,
        false);
  }

  @Test
  void request_normalisesTheDigest_andRefusesBadImagesAndDigests() {
    assertThat(request("/host/", "127.0.0.1:5000/a/web:1", "sha256:" + "AB".repeat(32)).digest())
        .contains("sha256:" + "ab".repeat(32));
    assertThat(request("/host/", "127.0.0.1:5000/a/web:1", null).manifestPath("stow.yaml"))
        .isEqualTo("host/stow.yaml");
    assertThat(request("/hosts/a/", "127.0.0.1:5000/a/web:1", null).folderName()).isEqualTo("a");
    assertThat(request("host", "127.0.0.1:5000/a/web:1", null).folderName()).isEqualTo("host");
    assertThatThrownBy(() -> request("h", "127.0.0.1:5000/a/web", null))
        .hasMessage(
            "--image 127.0.0.1:5000/a/web has no tag; pass repo:tag (the digest goes to"
                + " --digest)");
    assertThatThrownBy(() -> request("h", "web:1@sha256:" + "a".repeat(64), null))
        .hasMessageContaining("carries a digest");
    assertThatThrownBy(() -> request("h", "web:1", "abc"))
        .hasMessageContaining("--digest must be 64 hex characters");
    assertThatThrownBy(() -> request("h/../x", "web:1", null)).hasMessageContaining("--subfolder");
  }

  @Test
  void assignAttempts_parseInOrder_andNameABadItem() {
    assertThat(AssignAttempt.parseList("gitlab_user_id, id:146,user:some.name,"))
        .containsExactly(
            new AssignAttempt.PipelineUser(),
            new AssignAttempt.ById(146),
            new AssignAttempt.ByUsername("some.name"));
    assertThatThrownBy(() -> AssignAttempt.parseList("id:x"))
        .hasMessage("--assign id:x: the id must be a number");
    assertThatThrownBy(() -> AssignAttempt.parseList("me"))
        .hasMessageContaining("'me' is not gitlab_user_id, id:<n> or user:<name>");
  }

  @Test
  void versionTags_compareAsTheOriginalDoes() {
    assertThat(VersionTags.isDowngrade("1000.9", "1000.10")).contains(false);
    assertThat(VersionTags.isDowngrade("1000.10", "1000.9")).contains(true);
    assertThat(VersionTags.isDowngrade("1000.0-5-gabcdef1234", "1000.1")).contains(false);
    assertThat(VersionTags.isDowngrade("1000.0-5-gabcdef1234", "1000.0")).contains(true);
    assertThat(VersionTags.isDowngrade("10.2.0", "10.2")).contains(false);
    assertThat(VersionTags.isDowngrade("10.2.1", "10.2")).contains(true);
    assertThat(VersionTags.isDowngrade("20260428.0", "20260427.3")).contains(true);
    assertThat(VersionTags.isDowngrade("latest", "1.0")).isEmpty();
    assertThat(VersionTags.isDowngrade("10..0", "10.0")).isEmpty();
  }

  @Test
  void branchNames_replaceEveryOtherCharacterWithADash() {
    assertThat(SuggestBranch.name("deploy-host.example.com", "api"))
        .isEqualTo("suggest/deploy-host.example.com-api");
    assertThat(SuggestBranch.name("a/b c", "x:y")).isEqualTo("suggest/a-b-c-x-y");
  }

  @Test
  void changelog_keepsOnlyAddedLines() {
    String diff =
        "diff --git a/CHANGELOG.md b/CHANGELOG.md\n--- a/CHANGELOG.md\n"
            + "+++ b/CHANGELOG.md\n@@ -0,0 +1,3 @@\n+## 1.1\n+\n++ literal plus\n-removed\n";

    assertThat(GitChangelog.added(diff)).contains("## 1.1\n\n+ literal plus");
    assertThat(GitChangelog.added("+\n+  \n")).isEmpty();
  }

  @Test
  void unifiedDiff_showsTheChangedLineWithThreeLinesOfContext() {
    String before = "a\nb\nc\nd\ne\nf\ng\n";
    String after = "a\nb\nc\nD\ne\nf\ng\n";

    assertThat(UnifiedDiff.of("x/stow.yaml", before, after))
        .isEqualTo(
            "--- a/x/stow.yaml\n+++ b/x/stow.yaml\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n");
    assertThat(UnifiedDiff.of("x", before, before)).isEmpty();
  }
}
