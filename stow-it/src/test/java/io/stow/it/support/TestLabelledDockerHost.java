package io.stow.it.support;

import io.stow.docker.ContainerCreateRequest;
import io.stow.docker.ContainerState;
import io.stow.docker.DockerHost;
import io.stow.docker.ImageBuild;
import io.stow.docker.PullProgress;
import io.stow.model.ImageRef;
import io.stow.model.NamedVolumeSpec;
import io.stow.model.NetworkSpec;
import io.stow.model.ObservedContainer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Delegates to the real adapter and adds the test labels to every container, network, volume and
 * built image it creates, so {@link TestDocker} can always find and remove them.
 */
public final class TestLabelledDockerHost implements DockerHost {

  private final DockerHost delegate;
  private final Map<String, String> testLabels;
  private final Set<Integer> testEnvironmentPorts;

  public TestLabelledDockerHost(DockerHost delegate, Map<String, String> testLabels) {
    this(delegate, testLabels, Set.of());
  }

  private TestLabelledDockerHost(
      DockerHost delegate, Map<String, String> testLabels, Set<Integer> testEnvironmentPorts) {
    this.delegate = delegate;
    this.testLabels = Map.copyOf(testLabels);
    this.testEnvironmentPorts = Set.copyOf(testEnvironmentPorts);
  }

  /**
   * This host, except that the given host ports, held by the test environment's own services (the
   * registry, sshd), count as free: a corpus of real projects is checked against this host's
   * engine, not against what the test machine happens to run. Every other port is checked for real.
   */
  public TestLabelledDockerHost treatingAsFree(Set<Integer> testEnvironmentPorts) {
    return new TestLabelledDockerHost(delegate, testLabels, testEnvironmentPorts);
  }

  private Map<String, String> withTestLabels(Map<String, String> labels) {
    Map<String, String> result = new LinkedHashMap<>(labels);
    result.putAll(testLabels);
    return result;
  }

  @Override
  public void checkCreate(ContainerCreateRequest request) {
    delegate.checkCreate(
        new ContainerCreateRequest(
            request.spec(),
            request.env(),
            request.binds(),
            withTestLabels(request.labels()),
            request.image()));
  }

  @Override
  public String create(ContainerCreateRequest request) {
    return delegate.create(
        new ContainerCreateRequest(
            request.spec(),
            request.env(),
            request.binds(),
            withTestLabels(request.labels()),
            request.image()));
  }

  @Override
  public void ensureNetwork(String name, Map<String, String> labels) {
    delegate.ensureNetwork(name, withTestLabels(labels));
  }

  @Override
  public void ensureNetwork(NetworkSpec network, Map<String, String> labels) {
    delegate.ensureNetwork(network, withTestLabels(labels));
  }

  @Override
  public void ensureVolume(NamedVolumeSpec volume, Map<String, String> labels) {
    delegate.ensureVolume(volume, withTestLabels(labels));
  }

  @Override
  public boolean networkExists(String name) {
    return delegate.networkExists(name);
  }

  @Override
  public boolean volumeExists(String name) {
    return delegate.volumeExists(name);
  }

  @Override
  public boolean localImagePresent(String reference) {
    return delegate.localImagePresent(reference);
  }

  @Override
  public String build(ImageBuild build, Consumer<String> output) {
    return delegate.build(build.withLabels(testLabels), output);
  }

  @Override
  public void pullTag(String imageTagged, Consumer<PullProgress> progress) {
    delegate.pullTag(imageTagged, progress);
  }

  @Override
  public List<ObservedContainer> listContainers(Map<String, String> labels) {
    return delegate.listContainers(labels);
  }

  @Override
  public Optional<ContainerState> inspect(String nameOrId) {
    return delegate.inspect(nameOrId);
  }

  @Override
  public List<io.stow.docker.PublishedPort> publishedPorts() {
    return delegate.publishedPorts();
  }

  @Override
  public boolean hostPortFree(String hostIp, int port, String protocol) {
    return testEnvironmentPorts.contains(port) || delegate.hostPortFree(hostIp, port, protocol);
  }

  @Override
  public boolean ping() {
    return delegate.ping();
  }

  @Override
  public boolean imagePresent(ImageRef image) {
    return delegate.imagePresent(image);
  }

  @Override
  public Optional<String> repoDigest(String imageTagged) {
    return delegate.repoDigest(imageTagged);
  }

  @Override
  public void pull(ImageRef image, Consumer<PullProgress> progress) {
    delegate.pull(image, progress);
  }

  @Override
  public void start(String id) {
    delegate.start(id);
  }

  @Override
  public void stop(String id, Duration timeout) {
    delegate.stop(id, timeout);
  }

  @Override
  public void remove(String id) {
    delegate.remove(id);
  }

  @Override
  public List<String> logTail(String id, int lines) {
    return delegate.logTail(id, lines);
  }
}
