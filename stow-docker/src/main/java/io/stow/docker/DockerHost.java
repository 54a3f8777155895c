package io.stow.docker;

import io.stow.model.ImageRef;
import io.stow.model.ObservedContainer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The Docker operations the reconcile engine needs. The engine depends on this interface only, so
 * it can be embedded with another implementation and unit-tested with a hand-written fake; {@code
 * DockerJavaHost} is the implementation over the Docker Engine API.
 *
 * <p>Every method throws {@link DockerOperationException} when the engine refuses or cannot be
 * reached; the exception names the operation and the container or image involved.
 */
public interface DockerHost {

  /**
   * Every container (running or not) that carries all of these labels, from one list call, sorted
   * by name.
   */
  List<ObservedContainer> listContainers(Map<String, String> labels);

  /** The container with this name or id, or empty when there is none. */
  Optional<ContainerState> inspect(String nameOrId);

  /** Whether the image is present locally under its pinned digest. */
  boolean imagePresent(ImageRef image);

  /**
   * The registry digest ({@code sha256:<hex>}) of the local image {@code repo:tag} for its own
   * repository, from the image's RepoDigests; empty when the image is not present locally or was
   * never pushed to or pulled from that repository.
   */
  Optional<String> repoDigest(String imageTagged);

  /** Pulls {@code repo:tag@sha256:digest}, reporting progress as it goes. */
  void pull(ImageRef image, Consumer<PullProgress> progress);

  /**
   * Builds the create request {@link #create} would send, without sending it, and checks it against
   * facts of this host (its CPUs, its log drivers). The engine calls it for every container it is
   * about to replace before it stops anything, so a request Docker would refuse fails the reconcile
   * with nothing changed.
   *
   * @throws DockerOperationException saying what Docker would refuse and how to fix stow.yaml
   */
  void checkCreate(ContainerCreateRequest request);

  /** Creates (does not start) a container; returns its id. */
  String create(ContainerCreateRequest request);

  /** Starts a created container. */
  void start(String id);

  /** Stops a container, waiting at most {@code timeout} before Docker kills it. */
  void stop(String id, Duration timeout);

  /** Removes a container (it must be stopped). Removing a missing container is not an error. */
  void remove(String id);

  /** Creates a bridge network with these labels unless a network of that name exists. */
  void ensureNetwork(String name, Map<String, String> labels);

  /** The last {@code lines} lines of the container's stdout and stderr, oldest first. */
  List<String> logTail(String id, int lines);

  /** Whether the engine answers now (a cheap ping); never throws. */
  boolean ping();

  /** The host ports every running container publishes (one list call, all containers). */
  List<PublishedPort> publishedPorts();

  /**
   * Whether a process could bind {@code port} on {@code hostIp} ({@code ""}: every address) of the
   * Docker host now; true when that cannot be known from here (a remote engine).
   */
  boolean hostPortFree(String hostIp, int port, String protocol);
}
