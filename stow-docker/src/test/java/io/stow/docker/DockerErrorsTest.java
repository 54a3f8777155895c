package io.stow.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class DockerErrorsTest {

  private final DockerErrors errors = new DockerErrors("unix:///var/run/docker.sock");

  @Test
  void translate_showsDockersMessageAndTheHint() {
    DockerOperationException e =
        errors.translate(
            "remove",
            "web",
            new ConflictException(
                "Status 409: {\"message\":\"You cannot remove a running container\"}\n"),
            "stop the container first");

    assertThat(e.operation()).isEqualTo("remove");
    assertThat(e.subject()).isEqualTo("web");
    assertThat(e)
        .hasMessage(
            "remove web: Docker answered 409: You cannot remove a running container; stop the"
                + " container first");
  }

  @Test
  void translate_connectionFailureSaysToStartTheEngine() {
    DockerOperationException e =
        errors.translate(
            "inspect",
            "web",
            new UncheckedIOException(new IOException("No such file or directory")));

    assertThat(e)
        .hasMessageContaining(
            "cannot reach the Docker engine at DOCKER_HOST=unix:///var/run/docker.sock")
        .hasMessageContaining("No such file or directory")
        .hasMessageContaining("is the Docker engine running?");
  }

  @Test
  void dockerMessage_withoutJsonBodyKeepsTheText() {
    assertThat(DockerErrors.dockerMessage(new NotFoundException("gone")))
        .isEqualTo("Docker answered 404: gone");
  }
}
