package io.stow.docker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.model.ImageRef;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without an engine every operation fails with a message that says where it looked and why. */
class DockerJavaHostUnreachableTest {

  @TempDir java.nio.file.Path dir;

  @Test
  void everyOperation_failsNamingTheOperationAndDockerHost() {
    String socket = "unix://" + dir.resolve("absent.sock");
    try (DockerJavaHost host = DockerJavaHost.connect(socket)) {
      ImageRef image = ImageRef.parse("127.0.0.1:5000/a/b:1@sha256:" + "0".repeat(64));

      assertThatThrownBy(() -> host.inspect("web"))
          .isInstanceOf(DockerOperationException.class)
          .hasMessageStartingWith(
              "inspect web: cannot reach the Docker engine at DOCKER_HOST=" + socket)
          .hasMessageContaining("is the Docker engine running?");
      assertThatThrownBy(() -> host.listContainers(Map.of("stow.deployment", "x")))
          .hasMessageContaining("DOCKER_HOST=" + socket);
      assertThatThrownBy(() -> host.pull(image, p -> {}))
          .hasMessageStartingWith("pull " + image + ": cannot reach the Docker engine");
      assertThatThrownBy(() -> host.imagePresent(image)).hasMessageContaining("inspect image");
      assertThatThrownBy(() -> host.stop("web", Duration.ofSeconds(1)))
          .hasMessageStartingWith("stop web:");
      assertThatThrownBy(() -> host.remove("web")).hasMessageStartingWith("remove web:");
      assertThatThrownBy(() -> host.ensureNetwork("n", Map.of()))
          .hasMessageStartingWith("create network n:");
      assertThatThrownBy(() -> host.logTail("web", 5)).hasMessageStartingWith("logs web:");
    }
  }
}
