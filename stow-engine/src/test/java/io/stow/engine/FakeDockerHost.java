package io.stow.engine;

import io.stow.docker.ContainerCreateRequest;
import io.stow.docker.ContainerState;
import io.stow.docker.DockerHost;
import io.stow.docker.DockerOperationException;
import io.stow.docker.ImageBuild;
import io.stow.docker.PullProgress;
import io.stow.model.ImageRef;
import io.stow.model.NamedVolumeSpec;
import io.stow.model.NetworkSpec;
import io.stow.model.ObservedContainer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * An in-memory Docker host. Records every call; scriptable per container name: fail a pull, fail a
 * create, make a started container exit, crash-loop, restart or turn unhealthy after N polls.
 */
public final class FakeDockerHost implements DockerHost {

  /** Thrown to simulate the process dying mid-apply: an Error, so the engine cannot catch it. */
  public static final class SimulatedCrash extends Error {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(String message) {
      super(message);
    }
  }

  /** How a started container behaves as verification polls it. */
  @FunctionalInterface
  public interface Behaviour {
    /** Called on every inspect of a running container; {@code poll} counts from 1. */
    void onPoll(FakeContainer container, int poll, Instant now);
  }

  /** A mutable container. */
  public static final class FakeContainer {
    public final String id;
    public final String name;
    public final String image;
    public final Map<String, String> labels;
    public final Optional<ContainerCreateRequest> request;
    public String status = "created";
    public boolean running;
    public boolean restarting;
    public int restartCount;
    public Optional<Integer> exitCode = Optional.empty();
    public Optional<String> health = Optional.empty();
    public Optional<Instant> startedAt = Optional.empty();
    int polls;
    Behaviour behaviour = (c, p, n) -> {};

    FakeContainer(
        String id,
        String name,
        String image,
        Map<String, String> labels,
        Optional<ContainerCreateRequest> request) {
      this.id = id;
      this.name = name;
      this.image = image;
      this.labels = Map.copyOf(labels);
      this.request = request;
    }

    ContainerState state() {
      return new ContainerState(
          id,
          name,
          image,
          labels,
          status,
          running,
          restarting,
          restartCount,
          exitCode,
          health,
          startedAt);
    }
  }

  private final Clock clock;
  private final Map<String, FakeContainer> containers = new LinkedHashMap<>();
  private final Set<String> images = new HashSet<>();
  private final Set<String> failingPulls = new HashSet<>();
  private final Set<String> failingCreates = new HashSet<>();
  private final Map<String, RuntimeException> createErrors = new HashMap<>();
  private RuntimeException listError;
  private int downFor;
  private final Set<String> busyHostPorts = new HashSet<>();
  private final Set<String> refusedChecks = new HashSet<>();
  private final List<String> checkedCreates = new ArrayList<>();
  private final Set<String> crashingStarts = new HashSet<>();
  private final Map<String, Behaviour> behaviours = new HashMap<>();
  private final Map<String, Behaviour> imageBehaviours = new HashMap<>();
  private final Map<String, List<String>> logs = new HashMap<>();
  private final Map<String, Map<String, String>> networks = new LinkedHashMap<>();
  private final Map<String, NetworkSpec> networkSpecs = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> volumes = new LinkedHashMap<>();
  private final Set<String> localImages = new HashSet<>();
  private final Set<String> failingBuilds = new HashSet<>();
  private final List<ImageBuild> builds = new ArrayList<>();
  private final List<String> calls = new ArrayList<>();
  private final List<Stop> stops = new ArrayList<>();
  private int nextId = 1;

  public FakeDockerHost(Clock clock) {
    this.clock = clock;
  }

  // ---- scripting ----

  private final Map<String, String> repoDigests = new HashMap<>();

  public FakeDockerHost imagePresentLocally(ImageRef image) {
    images.add(image.pinned());
    return this;
  }

  public FakeDockerHost removeImage(ImageRef image) {
    images.remove(image.pinned());
    return this;
  }

  public FakeDockerHost failPull(ImageRef image) {
    failingPulls.add(image.pinned());
    return this;
  }

  /**
   * Creates of {@code name} throw {@code error} (e.g. a bug's IllegalStateException); null stops.
   */
  public synchronized FakeDockerHost failCreateWith(String name, RuntimeException error) {
    if (error == null) {
      createErrors.remove(name);
    } else {
      createErrors.put(name, error);
    }
    return this;
  }

  /**
   * The engine stops answering: every call throws {@link io.stow.docker.EngineUnreachableException}
   * until {@code pings} pings have been answered with false (0: it never comes back by itself).
   */
  public synchronized FakeDockerHost engineDown(int pings) {
    downFor = pings == 0 ? Integer.MAX_VALUE : pings;
    return this;
  }

  /** Whether the engine is down now. */
  public synchronized boolean engineIsDown() {
    return downFor > 0;
  }

  /** A process outside Docker holds {@code port}/{@code protocol} on every address. */
  public synchronized FakeDockerHost hostProcessHolds(int port, String protocol) {
    busyHostPorts.add(port + "/" + protocol);
    return this;
  }

  @Override
  public synchronized List<io.stow.docker.PublishedPort> publishedPorts() {
    calls.add("publishedPorts");
    failWhenDown("list", "running");
    List<io.stow.docker.PublishedPort> ports = new ArrayList<>();
    for (FakeContainer c : containers.values()) {
      if (!c.running || c.request.isEmpty()) {
        continue;
      }
      for (io.stow.model.PublishSpec publish : c.request.get().spec().publish()) {
        for (io.stow.model.PortMapping m : publish.mappings()) {
          if (!m.hostPort().isEmpty() && !m.hostPort().contains("-")) {
            ports.add(
                new io.stow.docker.PublishedPort(
                    c.name, m.hostIp(), Integer.parseInt(m.hostPort()), m.protocol()));
          }
        }
      }
    }
    return ports;
  }

  @Override
  public synchronized boolean hostPortFree(String hostIp, int port, String protocol) {
    return !busyHostPorts.contains(port + "/" + protocol);
  }

  @Override
  public synchronized boolean ping() {
    calls.add("ping");
    if (downFor > 0) {
      if (downFor != Integer.MAX_VALUE) {
        downFor--;
      }
      return false;
    }
    return true;
  }

  private void failWhenDown(String operation, String subject) {
    if (downFor > 0) {
      throw new io.stow.docker.EngineUnreachableException(
          operation, subject, "cannot reach the Docker engine (scripted)", null);
    }
  }

  /** From now on, listing containers throws {@code error} (null: lists again), as a dead engine. */
  public synchronized FakeDockerHost failListing(RuntimeException error) {
    listError = error;
    return this;
  }

  public FakeDockerHost failCreate(String name) {
    failingCreates.add(name);
    return this;
  }

  /** {@link #checkCreate} refuses this container, as Docker would refuse its create request. */
  public FakeDockerHost refuseCreateCheck(String name) {
    refusedChecks.add(name);
    return this;
  }

  /** The containers whose create request was checked, in order. */
  public synchronized List<String> checkedCreates() {
    return List.copyOf(checkedCreates);
  }

  public FakeDockerHost crashOnStart(String name) {
    crashingStarts.add(name);
    return this;
  }

  public FakeDockerHost clearCrashes() {
    crashingStarts.clear();
    return this;
  }

  /** Applies to containers of this name started from now on. */
  public FakeDockerHost behaviour(String name, Behaviour behaviour) {
    behaviours.put(name, behaviour);
    return this;
  }

  /** Applies to containers created from this image and started from now on; wins over names. */
  public FakeDockerHost behaviour(ImageRef image, Behaviour behaviour) {
    imageBehaviours.put(image.pinned(), behaviour);
    return this;
  }

  public FakeDockerHost clearBehaviour(String name) {
    behaviours.remove(name);
    return this;
  }

  /** Builds of images in this repository print an error and fail, as a broken Dockerfile does. */
  public synchronized FakeDockerHost failBuild(String repository) {
    failingBuilds.add(repository);
    return this;
  }

  /** An existing network or volume, as one made outside stow (for external resources). */
  public synchronized FakeDockerHost existingNetwork(String name) {
    networks.put(name, Map.of());
    return this;
  }

  public synchronized FakeDockerHost existingVolume(String name) {
    volumes.put(name, Map.of());
    return this;
  }

  /** A container that runs for {@code polls} polls, then exits with {@code code}. */
  public static Behaviour exitsAfterPolls(int polls, int code) {
    return (c, poll, now) -> {
      if (poll > polls) {
        c.running = false;
        c.status = "exited";
        c.exitCode = Optional.of(code);
      }
    };
  }

  public FakeDockerHost logs(String name, List<String> lines) {
    logs.put(name, List.copyOf(lines));
    return this;
  }

  /** Seeds a container that exists before the reconcile (managed or not). */
  public synchronized FakeContainer addContainer(
      String name, String image, Map<String, String> labels, boolean running) {
    FakeContainer c = new FakeContainer("id-" + nextId++, name, image, labels, Optional.empty());
    c.running = running;
    c.status = running ? "running" : "exited";
    c.startedAt = Optional.of(clock.instant());
    containers.put(name, c);
    return c;
  }

  /** A container that exits right after start. */
  public static Behaviour exitsImmediately() {
    return (c, poll, now) -> {
      c.running = false;
      c.status = "exited";
      c.exitCode = Optional.of(1);
    };
  }

  /** Docker keeps restarting the container: Restarting, RestartCount growing. */
  public static Behaviour crashLoops() {
    return (c, poll, now) -> {
      c.restarting = poll % 2 == 1;
      c.restartCount = poll;
      c.status = c.restarting ? "restarting" : "running";
    };
  }

  /** Looks fine for {@code polls} polls, then has restarted once (new start time, count 1). */
  public static Behaviour restartsAfterPolls(int polls) {
    return (c, poll, now) -> {
      if (poll == polls + 1) {
        c.restartCount = 1;
        c.startedAt = Optional.of(now);
      }
    };
  }

  /** Healthy for {@code polls} polls, then unhealthy. */
  public static Behaviour unhealthyAfterPolls(int polls) {
    return (c, poll, now) -> c.health = Optional.of(poll > polls ? "unhealthy" : "healthy");
  }

  /** Health {@code starting} for {@code polls} polls, then healthy. */
  public static Behaviour healthyAfterPolls(int polls) {
    return (c, poll, now) -> c.health = Optional.of(poll > polls ? "healthy" : "starting");
  }

  // ---- observing ----

  /** One stop asked for: which container, and how long Docker was told to wait before a kill. */
  public record Stop(String container, Duration timeout) {
    public static Stop of(String container, int seconds) {
      return new Stop(container, Duration.ofSeconds(seconds));
    }
  }

  /** The stops asked for since {@code from} stops had been asked for. */
  public synchronized List<Stop> stopsSince(int from) {
    List<Stop> all = stops();
    return all.subList(from, all.size());
  }

  /** Every stop asked for, in order. */
  public synchronized List<Stop> stops() {
    return List.copyOf(stops);
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** Calls that change the host: pull, create, start, stop, remove, ensureNetwork. */
  public synchronized List<String> mutatingCalls() {
    return calls.stream()
        .filter(
            c ->
                c.startsWith("pull ")
                    || c.startsWith("create ")
                    || c.startsWith("start ")
                    || c.startsWith("stop ")
                    || c.startsWith("remove ")
                    || c.startsWith("ensureNetwork ")
                    || c.startsWith("ensureVolume "))
        .toList();
  }

  public synchronized Optional<FakeContainer> container(String name) {
    return Optional.ofNullable(containers.get(name));
  }

  public synchronized Map<String, FakeContainer> containers() {
    return Map.copyOf(containers);
  }

  public synchronized Map<String, Map<String, String>> networks() {
    return Map.copyOf(networks);
  }

  public synchronized Map<String, NetworkSpec> networkSpecs() {
    return Map.copyOf(networkSpecs);
  }

  public synchronized Map<String, Map<String, String>> volumes() {
    return Map.copyOf(volumes);
  }

  /** Every image build asked for, in order. */
  public synchronized List<ImageBuild> builds() {
    return List.copyOf(builds);
  }

  // ---- DockerHost ----

  @Override
  public synchronized List<ObservedContainer> listContainers(Map<String, String> labels) {
    failWhenDown("list", "containers");
    calls.add("listContainers " + new java.util.TreeMap<>(labels));
    if (listError != null) {
      throw listError;
    }
    return containers.values().stream()
        .filter(c -> c.labels.entrySet().containsAll(labels.entrySet()))
        .map(c -> c.state().summary())
        .toList();
  }

  @Override
  public synchronized Optional<ContainerState> inspect(String nameOrId) {
    failWhenDown("inspect", nameOrId);
    calls.add("inspect " + nameOrId);
    Optional<FakeContainer> found =
        containers.values().stream()
            .filter(c -> c.name.equals(nameOrId) || c.id.equals(nameOrId))
            .findFirst();
    found.ifPresent(
        c -> {
          if (c.running || c.restarting) {
            c.polls++;
            c.behaviour.onPoll(c, c.polls, clock.instant());
          }
        });
    return found.map(FakeContainer::state);
  }

  @Override
  public synchronized boolean imagePresent(ImageRef image) {
    failWhenDown("inspect image", image.toString());
    calls.add("imagePresent " + image.pinned());
    return images.contains(image.pinned());
  }

  @Override
  public synchronized Optional<String> repoDigest(String imageTagged) {
    calls.add("repoDigest " + imageTagged);
    return Optional.ofNullable(repoDigests.get(imageTagged));
  }

  /** Makes {@link #repoDigest} answer {@code digest} for the local image {@code repo:tag}. */
  public synchronized FakeDockerHost repoDigest(String imageTagged, String digest) {
    repoDigests.put(imageTagged, digest);
    return this;
  }

  @Override
  public synchronized void pull(ImageRef image, Consumer<PullProgress> progress) {
    failWhenDown("pull", image.toString());
    calls.add("pull " + image.pinned());
    if (failingPulls.contains(image.pinned())) {
      throw new DockerOperationException(
          "pull", image.toString(), "manifest unknown; check that the image was pushed");
    }
    progress.accept(
        new PullProgress(image.toString(), "Downloading", Optional.of("layer1"), 5, 10));
    progress.accept(
        new PullProgress(image.toString(), "Pull complete", Optional.of("layer1"), 10, 10));
    images.add(image.pinned());
  }

  @Override
  public synchronized void checkCreate(ContainerCreateRequest request) {
    checkedCreates.add(request.name());
    if (refusedChecks.contains(request.name())) {
      throw new DockerOperationException(
          "create", request.name(), "scripted refusal of the request");
    }
  }

  @Override
  public synchronized String create(ContainerCreateRequest request) {
    failWhenDown("create", request.name());
    calls.add("create " + request.name());
    if (createErrors.containsKey(request.name())) {
      throw createErrors.get(request.name());
    }
    if (failingCreates.contains(request.name())) {
      throw new DockerOperationException("create", request.name(), "scripted failure");
    }
    if (containers.containsKey(request.name())) {
      throw new DockerOperationException("create", request.name(), "name already in use");
    }
    boolean built = request.spec().build().isPresent();
    if (built
        ? !localImages.contains(request.image())
        : !images.contains(request.spec().image().pinned())) {
      throw new DockerOperationException("create", request.name(), "no such image");
    }
    FakeContainer c =
        new FakeContainer(
            "id-" + nextId++,
            request.name(),
            built ? request.image() : request.spec().image().pinned(),
            request.labels(),
            Optional.of(request));
    containers.put(c.name, c);
    return c.id;
  }

  @Override
  public synchronized void start(String id) {
    failWhenDown("start", id);
    FakeContainer c = byId(id, "start");
    calls.add("start " + c.name);
    if (crashingStarts.contains(c.name)) {
      throw new SimulatedCrash("process died while starting " + c.name);
    }
    c.running = true;
    c.status = "running";
    c.startedAt = Optional.of(clock.instant());
    boolean healthcheck =
        c.request.flatMap(r -> r.spec().healthcheck()).map(h -> !h.disable()).orElse(false);
    c.health = healthcheck ? Optional.of("healthy") : Optional.empty();
    c.behaviour =
        imageBehaviours.getOrDefault(c.image, behaviours.getOrDefault(c.name, (x, p, n) -> {}));
  }

  @Override
  public synchronized void stop(String id, Duration timeout) {
    failWhenDown("stop", id);
    FakeContainer c = byId(id, "stop");
    calls.add("stop " + c.name);
    stops.add(new Stop(c.name, timeout));
    c.running = false;
    c.restarting = false;
    c.status = "exited";
  }

  @Override
  public synchronized void remove(String id) {
    failWhenDown("remove", id);
    Optional<FakeContainer> c =
        containers.values().stream().filter(x -> x.id.equals(id)).findFirst();
    calls.add("remove " + c.map(x -> x.name).orElse(id));
    c.ifPresent(x -> containers.remove(x.name));
  }

  @Override
  public synchronized void ensureNetwork(String name, Map<String, String> labels) {
    failWhenDown("network", name);
    calls.add("ensureNetwork " + name);
    networks.putIfAbsent(name, Map.copyOf(labels));
  }

  @Override
  public synchronized void ensureNetwork(NetworkSpec network, Map<String, String> labels) {
    calls.add("ensureNetwork " + network.name());
    if (network.external() && !networks.containsKey(network.name())) {
      throw new DockerOperationException("create network", network.name(), "external, missing");
    }
    networks.putIfAbsent(network.name(), Map.copyOf(labels));
    networkSpecs.putIfAbsent(network.name(), network);
  }

  @Override
  public synchronized void ensureVolume(NamedVolumeSpec volume, Map<String, String> labels) {
    calls.add("ensureVolume " + volume.name());
    if (volume.external() && !volumes.containsKey(volume.name())) {
      throw new DockerOperationException("create volume", volume.name(), "external, missing");
    }
    Map<String, String> all = new LinkedHashMap<>(volume.labels());
    all.putAll(labels);
    volumes.putIfAbsent(volume.name(), Map.copyOf(all));
  }

  @Override
  public synchronized boolean networkExists(String name) {
    return networks.containsKey(name);
  }

  @Override
  public synchronized boolean volumeExists(String name) {
    return volumes.containsKey(name);
  }

  @Override
  public synchronized boolean localImagePresent(String reference) {
    calls.add("localImagePresent " + reference);
    return localImages.contains(reference);
  }

  @Override
  public synchronized void pullTag(String imageTagged, Consumer<PullProgress> progress) {
    calls.add("pullTag " + imageTagged);
  }

  @Override
  public synchronized String build(ImageBuild build, Consumer<String> output) {
    calls.add("build " + build.tag());
    builds.add(build);
    output.accept("Step 1/2 : FROM base");
    build.args().values().forEach(v -> output.accept("ARG value " + v));
    String repository = build.tag().substring(0, build.tag().lastIndexOf(':'));
    if (failingBuilds.contains(repository)) {
      output.accept("/bin/sh: make: not found");
      throw new DockerOperationException(
          "build", build.tag(), "The command '/bin/sh -c make' returned a non-zero code: 127");
    }
    output.accept("Successfully tagged " + build.tag());
    localImages.add(build.tag());
    return "sha256:" + "f".repeat(64);
  }

  @Override
  public synchronized List<String> logTail(String id, int lines) {
    failWhenDown("logs", id);
    FakeContainer c = byId(id, "logs");
    calls.add("logTail " + c.name + " " + lines);
    List<String> all = logs.getOrDefault(c.name, List.of());
    return all.subList(Math.max(0, all.size() - lines), all.size());
  }

  private FakeContainer byId(String id, String operation) {
    return containers.values().stream()
        .filter(c -> c.id.equals(id))
        .findFirst()
        .orElseThrow(() -> new DockerOperationException(operation, id, "no such container"));
  }
}
