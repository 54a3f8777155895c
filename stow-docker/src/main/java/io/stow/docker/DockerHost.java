package io.stow.docker;

import io.stow.model.ImageRef;
import io.stow.model.NamedVolumeSpec;
import io.stow.model.NetworkSpec;
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

  // ---- Compose deployments: named volumes, configured networks, images built from the folder.
  // Defaults refuse, so an embedder's implementation keeps compiling and says what it lacks.

  /**
   * Creates a network as {@code network} describes it (driver, options, IPAM pools, internal, IPv6)
   * with {@code labels} plus its own, unless a network of that name exists; an external network
   * must exist.
   *
   * @throws DockerOperationException when it cannot be created, or an external one is missing
   */
  default void ensureNetwork(NetworkSpec network, Map<String, String> labels) {
    if (network.plain()) {
      ensureNetwork(network.name(), labels);
      return;
    }
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot create network " + network.name() + " as configured");
  }

  /**
   * Creates a named volume with its driver, options and labels plus {@code labels}, unless a volume
   * of that name exists (its data is kept); an external volume must exist.
   *
   * @throws DockerOperationException when it cannot be created, or an external one is missing
   */
  default void ensureVolume(NamedVolumeSpec volume, Map<String, String> labels) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot create volume " + volume.name());
  }

  /** Whether a network of exactly this name exists. */
  default boolean networkExists(String name) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot look up network " + name);
  }

  /** Whether a volume of exactly this name exists. */
  default boolean volumeExists(String name) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot look up volume " + name);
  }

  /** Whether an image is present locally under this reference (a tag or an id). */
  default boolean localImagePresent(String reference) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot look up image " + reference);
  }

  /**
   * Builds an image from a context folder and tags it; every line the build prints goes to {@code
   * output} as it comes. Returns the image id.
   *
   * @throws DockerOperationException when the build fails, with its error and last lines
   */
  default String build(ImageBuild build, Consumer<String> output) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot build " + build.tag());
  }

  /** Pulls {@code repo:tag} by its tag (to pin it: then read {@link #repoDigest}). */
  default void pullTag(String imageTagged, Consumer<PullProgress> progress) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " cannot pull " + imageTagged);
  }
}
