package io.stow.engine.config;

import io.stow.docker.DockerHost;
import io.stow.engine.EngineEvents;
import io.stow.engine.ReconcileContext;
import io.stow.engine.Reconciler;
import io.stow.engine.source.ArchiveLimits;
import io.stow.engine.source.GitLabSource;
import io.stow.engine.source.SafeTarGzExtractor;
import io.stow.engine.source.TrackedSource;
import io.stow.engine.source.git.GitSource;
import io.stow.gitlab.GitLabApi;
import io.stow.gitlab.GitLabClient;
import io.stow.gitlab.GitLabClientBuilder;
import io.stow.gitlab.GitLabToken;
import io.stow.gitlab.GitLabTrust;
import io.stow.model.config.DaemonConfig;
import io.stow.model.config.DaemonConfig.GitLabSettings;
import io.stow.sops.ExternalSopsDecryptor;
import io.stow.sops.SecretDecryptor;
import io.stow.sops.SopsDecryptor;
import io.stow.sops.SopsKeys;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The engine objects a daemon configuration describes: the source (GitLab or Git), the SOPS
 * decryptor, the state root. Both front ends that read {@code daemon.yaml} ({@code stow reconcile
 * --config} and {@code stow daemon}) build them here, so they deploy the same thing the same way.
 * Getters are memoised; the client is made on first use.
 */
public final class ConfiguredHost {

  private final DaemonConfig config;
  private final Consumer<String> notes;
  private final Consumer<GitLabClientBuilder> tuning;
  private GitLabTrust trust;
  private GitLabApi gitlab;
  private TrackedSource source;

  /**
   * @param notes where the GitLab client reports retries and waits (a log), never a secret
   */
  public ConfiguredHost(DaemonConfig config, Consumer<String> notes) {
    this(config, notes, builder -> {});
  }

  /**
   * @param tuning adjusts the GitLab client before it is built (an embedder's timeouts or retry
   *     policy); the configuration's URL, project and token are already set
   */
  public ConfiguredHost(
      DaemonConfig config, Consumer<String> notes, Consumer<GitLabClientBuilder> tuning) {
    this.config = Objects.requireNonNull(config, "config");
    this.notes = Objects.requireNonNull(notes, "notes");
    this.tuning = Objects.requireNonNull(tuning, "tuning");
  }

  public DaemonConfig config() {
    return config;
  }

  /** The state root: {@code stateDir}, else the home directory, as the original tool uses. */
  public Path stateRoot() {
    return config.stateDir().orElseGet(() -> Path.of(System.getProperty("user.home")));
  }

  /**
   * The server certificates the host accepts from its source (GitLab's API or an {@code https://}
   * Git remote): the Java runtime's CAs plus {@code gitlabCaCert}.
   */
  public synchronized GitLabTrust trust() {
    if (trust == null) {
      trust =
          GitLabTrust.of(
              config.gitlabCaCert(),
              "set gitlabCaCert in " + config.file() + " to a PEM file with that CA's certificate");
    }
    return trust;
  }

  /**
   * The GitLab client of a GitLab host.
   *
   * @throws IllegalStateException for a host whose source is a plain Git remote
   */
  public synchronized GitLabApi gitlab() {
    GitLabSettings settings =
        config
            .gitlab()
            .orElseThrow(() -> new IllegalStateException("this host's source is not GitLab"));
    if (gitlab == null) {
      GitLabClientBuilder builder =
          GitLabClient.builder()
              .baseUrl(settings.apiBase())
              .project(settings.project())
              .token(GitLabToken.accessToken(settings.token().reveal()))
              .trust(trust())
              .retryNotes(notes);
      tuning.accept(builder);
      gitlab = builder.build();
    }
    return gitlab;
  }

  /** The head of the tracked branch, the configured subfolder: GitLab or a plain Git remote. */
  public synchronized TrackedSource source() {
    if (source == null) {
      if (config.git().isPresent()) {
        source =
            GitSource.tracking(
                config.git().get(),
                config.subfolder(),
                stateRoot().resolve(".stow").resolve("git"),
                ArchiveLimits.DEFAULT,
                trust());
      } else {
        source =
            GitLabSource.tracking(
                gitlab(), config.branch(), config.subfolder(), new SafeTarGzExtractor());
      }
    }
    return source;
  }

  /** Native SOPS with the configured keys, or the configured {@code sopsBinary}. */
  public SecretDecryptor decryptor() {
    SopsKeys keys = SopsKeys.none();
    if (config.keys().isPresent()) {
      keys = keys.withAgeKeyFile(config.keys().get());
    }
    for (Path pgp : config.pgpKeys()) {
      keys = keys.withPgpKeyFile(pgp);
    }
    return config.sopsBinary().isPresent()
        ? new ExternalSopsDecryptor(config.sopsBinary().get(), keys)
        : new SopsDecryptor(keys);
  }

  /** A context builder with Docker, SOPS, the state root and the listener set. */
  public ReconcileContext.Builder contextBuilder(DockerHost docker, EngineEvents events) {
    return ReconcileContext.builder()
        .docker(docker)
        .secretDecryptor(decryptor())
        .stateRoot(stateRoot())
        .events(events)
        .composeProfiles(config.composeProfiles());
  }

  public Reconciler reconciler(DockerHost docker, EngineEvents events) {
    return new Reconciler(contextBuilder(docker, events).build());
  }
}
