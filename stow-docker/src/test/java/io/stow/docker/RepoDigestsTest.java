package io.stow.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RepoDigestsTest {

  private static final String A = "sha256:" + "a".repeat(64);
  private static final String B = "sha256:" + "B".repeat(64);

  @Test
  void picksTheDigestOfTheImagesOwnRepository() {
    List<String> digests =
        List.of("mirror.example.com/web@" + A, "127.0.0.1:5000/stow-test/web@" + B);

    assertThat(RepoDigests.pick("127.0.0.1:5000/stow-test/web:2", digests))
        .contains("sha256:" + "b".repeat(64));
    assertThat(RepoDigests.pick("mirror.example.com/web:2", digests)).contains(A);
    assertThat(RepoDigests.pick("other.example.com/web:2", digests)).isEmpty();
  }

  @Test
  void dockerHubShortNames_matchTheirLongForms() {
    assertThat(RepoDigests.pick("busybox:1.36", List.of("busybox@" + A))).contains(A);
    assertThat(RepoDigests.pick("docker.io/library/busybox:1.36", List.of("busybox@" + A)))
        .contains(A);
    assertThat(RepoDigests.pick("busybox:1.36", List.of("example/busybox@" + A))).isEmpty();
  }

  @Test
  void malformedEntries_areIgnored() {
    assertThat(RepoDigests.pick("web:1", List.of("web", "web@sha256:short"))).isEmpty();
  }
}
