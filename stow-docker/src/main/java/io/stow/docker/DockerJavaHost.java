package io.stow.docker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DefaultDockerCmdExecFactory;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.RemoteApiVersion;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import io.stow.model.ImageRef;
import io.stow.model.NamedVolumeSpec;
import io.stow.model.NetworkSpec;
import io.stow.model.ObservedContainer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * {@link DockerHost} over the Docker Engine API, through docker-java and its Apache HttpClient 5
 * transport. Connects to {@code DOCKER_HOST}, or the default Unix socket when it is unset.
 *
 * <p>Stopping a container that is already stopped or gone, starting one that runs, and removing a
 * missing one all succeed: the reconcile engine only cares about the resulting state.
 */
public final class DockerJavaHost implements DockerHost, AutoCloseable {

  private final DockerClient client;
  private final CreateContainerCmd.Exec createExec;
  private final String dockerHost;
  private final DockerErrors errors;
  private final ObjectMapper json;
  private final HostFacts facts;
  private final ContainerList containerList;

  DockerJavaHost(
      DockerClient client,
      CreateContainerCmd.Exec createExec,
      ContainerList containerList,
      String dockerHost,
      ObjectMapper json) {
    this.client = Objects.requireNonNull(client, "client");
    this.containerList = Objects.requireNonNull(containerList, "containerList");
    this.createExec = Objects.requireNonNull(createExec, "createExec");
    this.dockerHost = Objects.requireNonNull(dockerHost, "dockerHost");
    this.json = Objects.requireNonNull(json, "json");
    this.errors = new DockerErrors(dockerHost);
    this.facts = new HostFacts(client, errors, System::nanoTime);
  }

  /** Connects as the {@code docker} CLI does: {@code DOCKER_HOST}, else the default socket. */
  public static DockerJavaHost fromEnvironment() {
    return connect(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
  }

  /** Connects to an explicit engine address such as {@code unix:///var/run/docker.sock}. */
  public static DockerJavaHost connect(String dockerHost) {
    return connect(
        DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build());
  }

  private static DockerJavaHost connect(DockerClientConfig config) {
    // no response timeout: stop waits up to the container's stop timeout, pulls stream for long
    ApacheDockerHttpClient http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(tls(config))
            .connectionTimeout(Duration.ofSeconds(10))
            .build();
    // our own exec factory, so create commands can be built as RedactedCreateContainerCmd
    DefaultDockerCmdExecFactory commands =
        new DefaultDockerCmdExecFactory(http, config.getObjectMapper());
    DockerClient client = DockerClientImpl.getInstance(config).withDockerCmdExecFactory(commands);
    RemoteApiVersion version = config.getApiVersion();
    String apiPrefix =
        version == null || version.equals(RemoteApiVersion.unknown())
            ? ""
            : "/v" + version.getVersion();
    return new DockerJavaHost(
        client,
        commands.createCreateContainerCmdExec(),
        new ContainerList(http, config.getObjectMapper(), apiPrefix),
        config.getDockerHost().toString(),
        config.getObjectMapper());
  }

  /**
   * The engine's TLS settings ({@code DOCKER_TLS_VERIFY}, {@code DOCKER_CERT_PATH}); for a local
   * socket, which never speaks TLS, a context that checks nothing, because without one the client
   * builds the Java runtime's default context and parses its whole CA store for a connection that
   * never uses it.
   */
  private static SSLConfig tls(DockerClientConfig config) {
    SSLConfig configured = config.getSSLConfig();
    String scheme = config.getDockerHost().getScheme();
    if (configured != null || !("unix".equals(scheme) || "npipe".equals(scheme))) {
      return configured;
    }
    return () -> {
      SSLContext unused = SSLContext.getInstance("TLS");
      unused.init(null, new TrustManager[0], null);
      return unused;
    };
  }

  /** The engine address this host talks to. */
  public String dockerHost() {
    return dockerHost;
  }

  @Override
  public List<ObservedContainer> listContainers(Map<String, String> labels) {
    try {
      return containerList.labelled(labels);
    } catch (RuntimeException e) {
      throw errors.translate("list containers", "labelled " + labels, e);
    }
  }

  @Override
  public Optional<ContainerState> inspect(String nameOrId) {
    try {
      return Optional.of(ContainerStates.from(client.inspectContainerCmd(nameOrId).exec()));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw errors.translate("inspect", nameOrId, e);
    }
  }

  @Override
  public boolean imagePresent(ImageRef image) {
    try {
      client.inspectImageCmd(image.pinned()).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw errors.translate("inspect image", image.toString(), e);
    }
  }

  @Override
  public Optional<String> repoDigest(String imageTagged) {
    List<String> digests;
    try {
      digests = client.inspectImageCmd(imageTagged).exec().getRepoDigests();
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (RuntimeException e) {
      throw errors.translate("inspect image", imageTagged, e);
    }
    return RepoDigests.pick(imageTagged, digests == null ? List.of() : digests);
  }

  @Override
  public void pull(ImageRef image, Consumer<PullProgress> progress) {
    new ImagePull(client, errors).pull(image, progress);
  }

  @Override
  public void checkCreate(ContainerCreateRequest request) {
    String name = request.name();
    try {
      // built and written exactly as create sends it, but never sent
      json.writeValueAsBytes(build(request));
    } catch (IllegalArgumentException | JsonProcessingException e) {
      throw new DockerOperationException(
          "create",
          name,
          "the create request cannot be built ("
              + e.getMessage()
              + "); nothing was changed: fix stow.yaml",
          e);
    }
    CreateChecks.againstHost(request, facts.get());
  }

  private CreateContainerCmd build(ContainerCreateRequest request) {
    return CreateContainerMapper.apply(
        request, new RedactedCreateContainerCmd(createExec, request.image()));
  }

  @Override
  public String create(ContainerCreateRequest request) {
    String name = request.name();
    String id;
    try {
      id = build(request).exec().getId();
    } catch (IllegalArgumentException e) {
      throw new DockerOperationException(
          "create", name, e.getMessage() + "; nothing was created", e);
    } catch (NotFoundException e) {
      throw errors.translate(
          "create",
          name,
          e,
          "is image "
              + request.image()
              + (request.spec().build().isPresent()
                  ? " present (build it first)"
                  : " present (pull it first)")
              + " and do its networks"
              + (request.spec().volumeMounts().isEmpty() ? "" : " and volumes")
              + " exist?");
    } catch (ConflictException e) {
      throw errors.translate(
          "create", name, e, "a container with this name exists; stop and remove it first");
    } catch (RuntimeException e) {
      throw errors.translate("create", name, e);
    }
    connectAdditionalNetworks(request, id);
    return id;
  }

  private void connectAdditionalNetworks(ContainerCreateRequest request, String id) {
    for (String network : CreateContainerMapper.additionalNetworks(request.spec())) {
      try {
        client
            .connectToNetworkCmd()
            .withContainerId(id)
            .withNetworkId(network)
            .withContainerNetwork(CreateContainerMapper.endpoint(request.spec(), network))
            .exec();
      } catch (RuntimeException e) {
        remove(id); // half-connected containers are not left behind
        throw errors.translate(
            "create",
            request.name(),
            e,
            "could not connect network " + network + " (does it exist?); nothing was created");
      }
    }
  }

  @Override
  public void start(String id) {
    try {
      client.startContainerCmd(id).exec();
    } catch (NotModifiedException e) {
      // already running
    } catch (RuntimeException e) {
      throw errors.translate(
          "start",
          id,
          e,
          "check the container's command, mounts, ports and `docker logs " + id + "`");
    }
  }

  @Override
  public void stop(String id, Duration timeout) {
    try {
      client.stopContainerCmd(id).withTimeout(DockerUnits.seconds(timeout)).exec();
    } catch (NotModifiedException | NotFoundException e) {
      // already stopped, or gone
    } catch (RuntimeException e) {
      throw errors.translate("stop", id, e);
    }
  }

  @Override
  public void remove(String id) {
    try {
      client.removeContainerCmd(id).withRemoveVolumes(true).exec();
    } catch (NotFoundException e) {
      // already gone
    } catch (ConflictException e) {
      throw errors.translate("remove", id, e, "stop the container first");
    } catch (RuntimeException e) {
      throw errors.translate("remove", id, e);
    }
  }

  @Override
  public void ensureNetwork(String name, Map<String, String> labels) {
    new Networks(client, errors).ensure(name, labels);
  }

  @Override
  public List<String> logTail(String id, int lines) {
    if (lines <= 0) {
      return List.of();
    }
    try (LogTailCallback callback = new LogTailCallback()) {
      client
          .logContainerCmd(id)
          .withStdOut(true)
          .withStdErr(true)
          .withTail(lines)
          .exec(callback)
          .awaitCompletion();
      return callback.lastLines(lines);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerOperationException("logs", id, "interrupted while reading logs", e);
    } catch (NotFoundException e) {
      throw errors.translate("logs", id, e, "the container does not exist");
    } catch (RuntimeException e) {
      throw errors.translate(
          "logs", id, e, "does the container's logging driver support reading (json-file, local)?");
    } catch (IOException e) {
      throw new DockerOperationException("logs", id, "could not close the log stream", e);
    }
  }

  @Override
  public void ensureNetwork(NetworkSpec network, Map<String, String> labels) {
    new Networks(client, errors).ensure(network, labels);
  }

  @Override
  public void ensureVolume(NamedVolumeSpec volume, Map<String, String> labels) {
    new Volumes(client, errors).ensure(volume, labels);
  }

  @Override
  public boolean networkExists(String name) {
    try {
      return new Networks(client, errors).exists(name);
    } catch (RuntimeException e) {
      throw errors.translate("list networks", name, e);
    }
  }

  @Override
  public boolean volumeExists(String name) {
    return new Volumes(client, errors).exists(name);
  }

  @Override
  public boolean localImagePresent(String reference) {
    try {
      client.inspectImageCmd(reference).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    } catch (RuntimeException e) {
      throw errors.translate("inspect image", reference, e);
    }
  }

  @Override
  public String build(ImageBuild build, Consumer<String> output) {
    return new ImageBuilds(client, errors).build(build, output);
  }

  @Override
  public void pullTag(String imageTagged, Consumer<PullProgress> progress) {
    new ImagePull(client, errors).pullTag(imageTagged, progress);
  }

  /** Closes the connection to the engine. */
  @Override
  public List<PublishedPort> publishedPorts() {
    List<Container> containers;
    try {
      containers = client.listContainersCmd().withShowAll(false).exec();
    } catch (RuntimeException e) {
      throw errors.translate("list containers", "running", e);
    }
    List<PublishedPort> ports = new ArrayList<>();
    for (Container container : containers) {
      String name = ContainerStates.summary(container).name();
      for (ContainerPort port : container.getPorts()) {
        if (port.getPublicPort() != null) {
          ports.add(
              new PublishedPort(
                  name,
                  port.getIp() == null ? "" : port.getIp(),
                  port.getPublicPort(),
                  port.getType() == null ? "tcp" : port.getType()));
        }
      }
    }
    return ports;
  }

  @Override
  public boolean hostPortFree(String hostIp, int port, String protocol) {
    if (!dockerHost.startsWith("unix://")) {
      return true; // the engine runs elsewhere: its ports cannot be probed from here
    }
    return HostPorts.free(hostIp, port, protocol);
  }

  @Override
  public boolean ping() {
    try {
      client.pingCmd().exec();
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      throw new DockerOperationException("close", dockerHost, "could not close the connection", e);
    }
  }
}
