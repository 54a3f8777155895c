package io.stow.engine;

import io.stow.docker.DockerHost;
import io.stow.model.parse.DescriptorParser;
import io.stow.sops.SecretDecryptor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the engine needs, fixed for the life of a {@link Reconciler}: the Docker and SOPS
 * ports, the descriptor loader, the state root, time, the event listener and tuning. Immutable;
 * made by {@link #builder()}, whose {@code build()} names every missing required field at once.
 */
public final class ReconcileContext {

  private final DockerHost docker;
  private final Optional<SecretDecryptor> secretDecryptor;
  private final DescriptorLoader descriptorLoader;
  private final Path stateRoot;
  private final Clock clock;
  private final Sleeper sleeper;
  private final EngineEvents events;
  private final Duration verifyPollInterval;
  private final int snapshotsToKeep;
  private final int logTailLines;
  private final int applyConcurrency;
  private final Duration defaultStopTimeout;
  private final Duration engineWait;
  private final Set<String> composeProfiles;

  private ReconcileContext(Builder b) {
    this.docker = b.docker;
    this.secretDecryptor = Optional.ofNullable(b.secretDecryptor);
    this.descriptorLoader = b.descriptorLoader;
    this.stateRoot = b.stateRoot.toAbsolutePath().normalize();
    this.clock = b.clock;
    this.sleeper = b.sleeper;
    this.events = b.events;
    this.verifyPollInterval = b.verifyPollInterval;
    this.snapshotsToKeep = b.snapshotsToKeep;
    this.logTailLines = b.logTailLines;
    this.applyConcurrency = b.applyConcurrency;
    this.defaultStopTimeout = b.defaultStopTimeout;
    this.engineWait = b.engineWait;
    this.composeProfiles = Set.copyOf(b.composeProfiles);
  }

  public static Builder builder() {
    return new Builder();
  }

  public DockerHost docker() {
    return docker;
  }

  /** Empty when SOPS decryption is not configured: a SOPS file then fails the reconcile. */
  public Optional<SecretDecryptor> secretDecryptor() {
    return secretDecryptor;
  }

  public DescriptorLoader descriptorLoader() {
    return descriptorLoader;
  }

  /** Holds {@code .stow/}, {@code running-config} and {@code running-config.previous}. */
  public Path stateRoot() {
    return stateRoot;
  }

  public Clock clock() {
    return clock;
  }

  public Sleeper sleeper() {
    return sleeper;
  }

  public EngineEvents events() {
    return events;
  }

  /** How often verification inspects the containers (default 1 s). */
  public Duration verifyPollInterval() {
    return verifyPollInterval;
  }

  /** Snapshots kept besides the current and previous ones (default 5). */
  public int snapshotsToKeep() {
    return snapshotsToKeep;
  }

  /** Log lines kept per container removed after a failed first deployment (default 50). */
  public int logTailLines() {
    return logTailLines;
  }

  /** How many containers are stopped, or created and started, at once (default 4). */
  public int applyConcurrency() {
    return applyConcurrency;
  }

  /** Stop timeout for containers whose descriptor sets none (default 10 s, like Docker). */
  public Duration defaultStopTimeout() {
    return defaultStopTimeout;
  }

  /**
   * How long a rollback waits for a Docker engine that stopped answering (restarting, say) before
   * it gives up (default 60 s).
   */
  public Duration engineWait() {
    return engineWait;
  }

  /**
   * The Compose profiles this host runs (daemon configuration {@code composeProfiles}, or {@code
   * --profile}); empty leaves it to the project's {@code COMPOSE_PROFILES}.
   */
  public Set<String> composeProfiles() {
    return composeProfiles;
  }

  @Override
  public String toString() {
    return "ReconcileContext[stateRoot="
        + stateRoot
        + ", sops="
        + (secretDecryptor.isPresent() ? "configured" : "not configured")
        + "]";
  }

  /** Builds a {@link ReconcileContext}; docker and stateRoot are required. */
  public static final class Builder {
    private DockerHost docker;
    private SecretDecryptor secretDecryptor;
    private DescriptorLoader descriptorLoader = DescriptorLoader.PARSER;
    private Path stateRoot;
    private Clock clock = Clock.systemUTC();
    private Sleeper sleeper = Sleeper.SYSTEM;
    private EngineEvents events = EngineEvents.NONE;
    private Duration verifyPollInterval = Duration.ofSeconds(1);
    private int snapshotsToKeep = 5;
    private int logTailLines = 50;
    private int applyConcurrency = 4;
    private Duration defaultStopTimeout = Duration.ofSeconds(10);
    private Duration engineWait = Duration.ofSeconds(60);
    private Set<String> composeProfiles = Set.of();

    private Builder() {}

    /** The Compose profiles this host runs; none by default. */
    public Builder composeProfiles(Collection<String> value) {
      composeProfiles = new LinkedHashSet<>(Objects.requireNonNull(value, "composeProfiles"));
      return this;
    }

    public Builder docker(DockerHost value) {
      docker = value;
      return this;
    }

    /** Optional: without it, a deployment holding a SOPS file fails before anything changes. */
    public Builder secretDecryptor(SecretDecryptor value) {
      secretDecryptor = value;
      return this;
    }

    /** Defaults to {@link DescriptorParser#parse(Path)}; tests pass descriptors built in code. */
    public Builder descriptorLoader(DescriptorLoader value) {
      descriptorLoader = value;
      return this;
    }

    public Builder stateRoot(Path value) {
      stateRoot = value;
      return this;
    }

    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    public Builder sleeper(Sleeper value) {
      sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    public Builder events(EngineEvents value) {
      events = Objects.requireNonNull(value, "events");
      return this;
    }

    public Builder verifyPollInterval(Duration value) {
      verifyPollInterval = Objects.requireNonNull(value, "verifyPollInterval");
      return this;
    }

    public Builder snapshotsToKeep(int value) {
      snapshotsToKeep = value;
      return this;
    }

    public Builder logTailLines(int value) {
      logTailLines = value;
      return this;
    }

    public Builder applyConcurrency(int value) {
      applyConcurrency = value;
      return this;
    }

    public Builder defaultStopTimeout(Duration value) {
      defaultStopTimeout = Objects.requireNonNull(value, "defaultStopTimeout");
      return this;
    }

    public Builder engineWait(Duration value) {
      engineWait = Objects.requireNonNull(value, "engineWait");
      return this;
    }

    /**
     * @throws IllegalStateException naming every missing required field and every invalid value
     */
    public ReconcileContext build() {
      List<String> missing = new ArrayList<>();
      if (docker == null) {
        missing.add("docker");
      }
      if (descriptorLoader == null) {
        missing.add("descriptorLoader");
      }
      if (stateRoot == null) {
        missing.add("stateRoot");
      }
      List<String> invalid = new ArrayList<>();
      if (verifyPollInterval.isNegative() || verifyPollInterval.isZero()) {
        invalid.add("verifyPollInterval must be positive");
      }
      if (snapshotsToKeep < 0) {
        invalid.add("snapshotsToKeep must not be negative");
      }
      if (logTailLines < 0) {
        invalid.add("logTailLines must not be negative");
      }
      if (applyConcurrency < 1) {
        invalid.add("applyConcurrency must be at least 1");
      }
      if (engineWait.isNegative()) {
        invalid.add("engineWait must not be negative");
      }
      if (defaultStopTimeout.isNegative()) {
        invalid.add("defaultStopTimeout must not be negative");
      }
      if (!missing.isEmpty() || !invalid.isEmpty()) {
        StringBuilder message = new StringBuilder("cannot build a ReconcileContext:");
        if (!missing.isEmpty()) {
          message.append(" missing ").append(String.join(", ", missing)).append(';');
        }
        invalid.forEach(i -> message.append(' ').append(i).append(';'));
        message.append(" set them on ReconcileContext.builder()");
        throw new IllegalStateException(message.toString());
      }
      return new ReconcileContext(this);
    }
  }
}
