package io.stow.it.support;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import io.stow.docker.ContainerState;
import io.stow.docker.DockerHost;
import io.stow.docker.DockerJavaHost;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Docker engine for integration tests. Register it as a static field with
 * {@code @RegisterExtension}; it connects before the class (failing, never skipping, when no engine
 * answers), and after every test and after the class removes every container and network that
 * carries this run's {@value #LABEL} label or name prefix, and every volume and image that carries
 * the label, whether the test passed or not.
 *
 * <p>{@link #host()} adds the test label to everything it creates, so code under test cannot leak
 * containers; code that uses {@link #client()} directly adds {@link #labels()} itself.
 */
public final class TestDocker implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

  /** The label on every container and network a test creates; its value is the run id. */
  public static final String LABEL = "stow.it.test";

  /** Leftovers of killed test runs older than this are swept at the start. */
  /** The host port of the local registry .ci/test-env.sh starts. */
  private static final int TEST_REGISTRY_PORT = 5000;

  /** The host port of the SSH Git server .ci/test-env.sh starts. */
  private static final int TEST_SSHD_PORT = 2222;

  private static final Duration STALE = Duration.ofMinutes(30);

  private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);

  private DockerHttpClient http;
  private DockerClient client;
  private DockerJavaHost javaHost;
  private TestLabelledDockerHost host;

  @Override
  public void beforeAll(ExtensionContext context) {
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .connectionTimeout(Duration.ofSeconds(5))
            .build();
    client = DockerClientImpl.getInstance(config, http);
    try {
      client.pingCmd().exec();
    } catch (RuntimeException e) {
      fail(
          "no Docker engine answers at DOCKER_HOST="
              + config.getDockerHost()
              + " ("
              + e.getMessage()
              + "); "
              + TestImages.RUN_SCRIPT
              + ", then run the tests again",
          e);
    }
    javaHost = DockerJavaHost.fromEnvironment();
    host = new TestLabelledDockerHost(javaHost, labels());
    sweepStale();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    removeEverythingOfThisRun();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      removeEverythingOfThisRun();
    } finally {
      javaHost.close();
      client.close();
    }
  }

  /** docker-java over the Unix socket (or DOCKER_HOST), for setting up and checking by hand. */
  public DockerClient client() {
    return client;
  }

  /**
   * {@code docker inspect} as Docker sends it, for fields docker-java's model lacks (StopTimeout).
   */
  public JsonNode inspectJson(String id) {
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.GET)
            .path("/containers/" + id + "/json")
            .build();
    try (DockerHttpClient.Response response = http.execute(request);
        InputStream body = response.getBody()) {
      if (response.getStatusCode() != 200) {
        return fail("docker inspect %s answered %s", id, response.getStatusCode());
      }
      return new ObjectMapper().readTree(body);
    } catch (IOException e) {
      return fail("docker inspect " + id + " failed", e);
    }
  }

  /** The adapter under test; it labels every container and network it creates for cleanup. */
  public DockerHost host() {
    return host;
  }

  /**
   * The adapter under test, except that the host ports of this machine's test services (the
   * registry on 5000, sshd on 2222) count as free; see {@link
   * TestLabelledDockerHost#treatingAsFree}.
   */
  public DockerHost hostIgnoringTestServicePorts() {
    return host.treatingAsFree(Set.of(TEST_REGISTRY_PORT, TEST_SSHD_PORT));
  }

  /** A container or network name unique to this test run. */
  public String name(String suffix) {
    return "stow-it-" + RUN_ID + "-" + suffix;
  }

  /** The labels that mark a container or network for removal after the test. */
  public Map<String, String> labels() {
    return Map.of(LABEL, RUN_ID);
  }

  /**
   * Polls the container until {@code condition} holds; fails after {@code timeout} with the last
   * state and log lines.
   */
  public ContainerState await(
      String id, String description, Duration timeout, Predicate<ContainerState> condition) {
    Instant deadline = Instant.now().plus(timeout);
    Optional<ContainerState> last = Optional.empty();
    while (Instant.now().isBefore(deadline)) {
      last = host.inspect(id);
      if (last.isPresent() && condition.test(last.get())) {
        return last.get();
      }
      sleep(Duration.ofMillis(100));
    }
    List<String> logs = last.isPresent() ? host.logTail(id, 20) : List.of();
    return fail(
        "container %s did not become %s within %s; last state %s; last log lines %s",
        id, description, timeout, last, logs);
  }

  private void removeEverythingOfThisRun() {
    List<String> failures = new ArrayList<>();
    for (Container c : client.listContainersCmd().withShowAll(true).exec()) {
      boolean ours =
          RUN_ID.equals(c.getLabels() == null ? null : c.getLabels().get(LABEL))
              || (c.getNames() != null
                  && List.of(c.getNames()).stream().anyMatch(n -> n.startsWith("/" + name(""))));
      if (ours) {
        removeContainer(c.getId(), failures);
      }
    }
    for (Network n : client.listNetworksCmd().exec()) {
      boolean ours =
          RUN_ID.equals(n.getLabels() == null ? null : n.getLabels().get(LABEL))
              || n.getName().startsWith(name(""));
      if (ours) {
        removeNetwork(n.getId(), failures);
      }
    }
    removeVolumesAndImages(Map.of(LABEL, RUN_ID), failures);
    if (!failures.isEmpty()) {
      fail("could not clean up after the test: " + failures);
    }
  }

  /** Volumes and images labelled with {@code labels}: after their containers are gone. */
  private void removeVolumesAndImages(Map<String, String> labels, List<String> failures) {
    List<String> filters =
        labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    var volumes = client.listVolumesCmd().withFilter("label", filters).exec().getVolumes();
    for (var volume :
        volumes == null
            ? List.<com.github.dockerjava.api.command.InspectVolumeResponse>of()
            : volumes) {
      try {
        client.removeVolumeCmd(volume.getName()).exec();
      } catch (NotFoundException e) {
        // already gone
      } catch (RuntimeException e) {
        failures.add("volume " + volume.getName() + ": " + e.getMessage());
      }
    }
    for (var image : client.listImagesCmd().withLabelFilter(labels).exec()) {
      try {
        client.removeImageCmd(image.getId()).withForce(true).exec();
      } catch (NotFoundException e) {
        // already gone
      } catch (RuntimeException e) {
        failures.add("image " + image.getId() + ": " + e.getMessage());
      }
    }
  }

  private void sweepStale() {
    long cutoff = Instant.now().minus(STALE).getEpochSecond();
    List<String> failures = new ArrayList<>();
    for (Container c :
        client.listContainersCmd().withShowAll(true).withLabelFilter(List.of(LABEL)).exec()) {
      if (c.getCreated() != null && c.getCreated() < cutoff) {
        removeContainer(c.getId(), failures);
      }
    }
    // volumes and images of killed runs: labelled, and no container of a live run uses them
    for (var volume :
        java.util.Objects.requireNonNullElse(
            client.listVolumesCmd().withFilter("label", List.of(LABEL)).exec().getVolumes(),
            List.<com.github.dockerjava.api.command.InspectVolumeResponse>of())) {
      String run = volume.getLabels() == null ? null : volume.getLabels().get(LABEL);
      if (run != null && !run.equals(RUN_ID) && !inUse(volume.getName())) {
        try {
          client.removeVolumeCmd(volume.getName()).exec();
        } catch (RuntimeException e) {
          // in use by a live run's container after all, or gone
        }
      }
    }
    for (var image : client.listImagesCmd().withLabelFilter(LABEL).exec()) {
      if (image.getCreated() != null && image.getCreated() < cutoff) {
        try {
          client.removeImageCmd(image.getId()).withForce(true).exec();
        } catch (RuntimeException e) {
          // gone, or used by a container of a live run
        }
      }
    }
    for (Network n : client.listNetworksCmd().exec()) {
      boolean stale =
          n.getLabels() != null
              && n.getLabels().containsKey(LABEL)
              && n.getCreated() != null
              && n.getCreated().toInstant().getEpochSecond() < cutoff;
      if (stale) {
        removeNetwork(n.getId(), failures);
      }
    }
  }

  private boolean inUse(String volume) {
    return !client
        .listContainersCmd()
        .withShowAll(true)
        .withVolumeFilter(List.of(volume))
        .exec()
        .isEmpty();
  }

  private void removeContainer(String id, List<String> failures) {
    try {
      client.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // already gone
    } catch (RuntimeException e) {
      failures.add("container " + id + ": " + e.getMessage());
    }
  }

  private void removeNetwork(String id, List<String> failures) {
    try {
      client.removeNetworkCmd(id).exec();
    } catch (NotFoundException e) {
      // already gone
    } catch (RuntimeException e) {
      failures.add("network " + id + ": " + e.getMessage());
    }
  }

  /** Waits {@code duration}; an interruption fails the test. */
  public static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
