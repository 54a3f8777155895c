package io.stow.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.HealthCheck;
import io.stow.it.support.TestDocker;
import io.stow.it.support.TestImages;
import io.stow.model.ImageRef;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The foundation the other integration tests stand on: docker-java over the Unix socket reaches a
 * real engine, the engine pulls our test image by digest from the local registry, and a labelled
 * container with a healthcheck becomes healthy.
 */
class DockerHarnessIT {

  @RegisterExtension static final TestDocker docker = new TestDocker();

  private final ImageRef image = TestImages.get().first();

  @Test
  void harness_pullsByDigestRunsAHealthyLabelledContainerAndRemovesIt() throws Exception {
    DockerClient client = docker.client();

    boolean pulled =
        client
            .pullImageCmd(image.repository())
            .withTag(image.digest())
            .exec(new PullImageResultCallback())
            .awaitCompletion(60, TimeUnit.SECONDS);
    assertThat(pulled).as("pull finished").isTrue();
    assertThat(client.inspectImageCmd(image.pinned()).exec().getRepoDigests())
        .contains(image.pinned());

    String name = docker.name("harness");
    String id =
        client
            .createContainerCmd(image.toString())
            .withName(name)
            .withLabels(
                Map.of(TestDocker.LABEL, docker.labels().get(TestDocker.LABEL), "app", "web"))
            .withCmd("httpd", "-f", "-p", "8080", "-h", "/www")
            .withHealthcheck(
                new HealthCheck()
                    .withTest(List.of("CMD", "wget", "-q", "-O-", "http://127.0.0.1:8080/"))
                    .withInterval(Duration.ofMillis(300).toNanos())
                    .withTimeout(Duration.ofSeconds(2).toNanos())
                    .withRetries(3))
            .exec()
            .getId();
    client.startContainerCmd(id).exec();

    docker.await(
        id,
        "healthy",
        Duration.ofSeconds(20),
        s -> s.health().equals(java.util.Optional.of("healthy")));
    InspectContainerResponse inspected = client.inspectContainerCmd(id).exec();
    assertThat(inspected.getConfig().getLabels())
        .containsEntry("app", "web")
        .containsEntry(TestDocker.LABEL, docker.labels().get(TestDocker.LABEL));
    assertThat(inspected.getRestartCount()).isZero();
    assertThat(inspected.getState().getRunning()).isTrue();
    assertThat(inspected.getState().getHealth().getStatus()).isEqualTo("healthy");
    assertThat(inspected.getConfig().getImage()).isEqualTo(image.toString());

    client.removeContainerCmd(id).withForce(true).exec();
    assertThat(client.listContainersCmd().withShowAll(true).withNameFilter(List.of(name)).exec())
        .isEmpty();
  }
}
