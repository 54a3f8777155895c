package io.stow.engine.pin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.docker.DockerOperationException;
import io.stow.engine.FakeClock;
import io.stow.engine.FakeDockerHost;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagePinnerTest {

  static final String D1 = "sha256:" + "1".repeat(64);
  static final String D2 = "sha256:" + "2".repeat(64);

  @TempDir Path dir;

  @Test
  void pin_pinsEveryTagToItsRegistryDigestAndKeepsEveryOtherByte() throws Exception {
    String compose =
        """
        # shop
        services:
          web:
            image: 'registry.example:5000/web:1.2'   # the front
          cache:
            image: redis
          db:
            image: postgres:16@%s
          app:
            build: .
          env:
            image: ${APP_IMAGE}
        """
            .formatted(D1);
    Files.writeString(dir.resolve("compose.yaml"), compose);
    FakeDockerHost docker =
        new FakeDockerHost(new FakeClock())
            .repoDigest("registry.example:5000/web:1.2", D1)
            .repoDigest("redis:latest", D2);
    List<String> notes = new ArrayList<>();

    PinReport report = new ImagePinner(() -> docker).pin(dir, notes::add);

    assertThat(Files.readString(dir.resolve("compose.yaml")))
        .isEqualTo(
            compose
                .replace(
                    "'registry.example:5000/web:1.2'", "'registry.example:5000/web:1.2@" + D1 + "'")
                .replace("image: redis\n", "image: redis:latest@" + D2 + "\n"));
    assertThat(report.pinned())
        .extracting(PinReport.Pinned::service)
        .containsExactly("web", "cache");
    assertThat(report.skipped())
        .extracting(PinReport.Skipped::service)
        .containsExactly("db", "env");
    assertThat(report.unpinned()).isEqualTo(1);
    assertThat(docker.calls())
        .contains("pullTag registry.example:5000/web:1.2", "pullTag redis:latest");
    assertThat(notes).hasSize(2);
  }

  @Test
  void pin_failsWithoutChangingTheFileWhenATagHasNoDigest() throws Exception {
    String compose = "services:\n  web:\n    image: local/only:dev\n";
    Files.writeString(dir.resolve("compose.yaml"), compose);

    assertThatThrownBy(
            () -> new ImagePinner(() -> new FakeDockerHost(new FakeClock())).pin(dir, n -> {}))
        .isInstanceOf(DockerOperationException.class)
        .hasMessageContaining("no registry digest");
    assertThat(Files.readString(dir.resolve("compose.yaml"))).isEqualTo(compose);
  }
}
