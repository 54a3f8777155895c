package io.stow.cli;

import io.stow.cli.systemd.ProcessSystemctl;
import io.stow.cli.systemd.Systemctl;
import io.stow.cli.trigger.Backoff;
import io.stow.cli.trigger.CertificateTrust;
import io.stow.cli.trigger.DaemonClient;
import io.stow.cli.trigger.DaemonEndpoint;
import io.stow.cli.trigger.Timing;
import io.stow.daemon.DaemonComposition;
import io.stow.daemon.log.DaemonLog;
import io.stow.daemon.notify.HttpPoster;
import io.stow.daemon.notify.NotifySettings;
import io.stow.daemon.notify.OkHttpPoster;
import io.stow.docker.DockerHost;
import io.stow.docker.DockerJavaHost;
import io.stow.engine.EngineEvents;
import io.stow.engine.ReconcileContext;
import io.stow.engine.Reconciler;
import io.stow.engine.config.ConfiguredHost;
import io.stow.engine.faults.FaultInjection;
import io.stow.gitlab.GitLabApi;
import io.stow.gitlab.GitLabClient;
import io.stow.gitlab.GitLabToken;
import io.stow.gitlab.GitLabTrust;
import io.stow.model.config.DaemonConfig;
import io.stow.model.config.HostName;
import io.stow.model.config.Secret;
import io.stow.model.parse.DaemonConfigParser;
import io.stow.sops.SecretDecryptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The composition root of the command line: builds every command and the engine objects they share,
 * once, in one place. Getters are memoised; tests override the factories.
 */
class CliComposition {

  private final Console console;
  private DockerHost docker;

  CliComposition(Console console) {
    this.console = console;
  }

  List<Command> commands() {
    return List.of(
        new ValidateCommand(this),
        new HashCommand(),
        new DecryptCommand(this),
        new ReconcileCommand(this),
        new SuggestImageCommand(this),
        new DaemonCommand(this),
        new DeployKeyCommand(this),
        new PinCommand(this),
        new TriggerCommand(this),
        new NotifyTestCommand(this),
        new InstallSystemdCommand(this));
  }

  Console console() {
    return console;
  }

  /** The Docker engine of {@code DOCKER_HOST} or the default socket, connected on first use. */
  synchronized DockerHost docker() {
    if (docker == null) {
      docker = createDocker();
    }
    return docker;
  }

  protected DockerHost createDocker() {
    return DockerJavaHost.fromEnvironment();
  }

  /** Whether this process may read the file; tests override it, as root reads everything. */
  boolean isReadable(Path file) {
    return Files.isReadable(file);
  }

  /** The process environment (SOPS key variables, DOCKER_HOST). */
  Map<String, String> environment() {
    return System.getenv();
  }

  /** The directory stow runs in: the application's checkout, for changelog diffs. */
  Path workingDirectory() {
    return Path.of("").toAbsolutePath();
  }

  /**
   * A GitLab client for one project that accepts the certificates {@code trust} accepts; {@code
   * retryNotes} hears about every retry.
   */
  GitLabApi gitLab(
      String apiUrl,
      GitLabToken token,
      String project,
      GitLabTrust trust,
      Consumer<String> retryNotes) {
    return GitLabClient.builder()
        .baseUrl(apiUrl)
        .token(token)
        .project(project)
        .trust(trust)
        .retryNotes(retryNotes)
        .build();
  }

  /** The {@code systemctl} on this process's {@code PATH}. */
  Systemctl systemctl() {
    return ProcessSystemctl.onPath(environment());
  }

  /** The clock, sleeper and jitter of the trigger client's retries and polls. */
  Timing timing() {
    return Timing.system();
  }

  /** A client of one stow daemon; {@code notes} hears about every retry. */
  DaemonClient daemonClient(
      DaemonEndpoint endpoint,
      Optional<Secret> token,
      CertificateTrust trust,
      Backoff backoff,
      Consumer<String> notes) {
    return new DaemonClient(
        endpoint, token, trust, backoff, timing(), notes, "stow/" + Version.current());
  }

  /** What posts notifications: OkHttp with the daemon's timeouts. */
  HttpPoster notifyPoster() {
    NotifySettings settings = NotifySettings.defaults();
    return new OkHttpPoster(
        settings.connectTimeout(), settings.requestTimeout(), "stow/" + Version.current());
  }

  /** The daemon configuration at {@code file}; the subfolder defaults to this host's name. */
  DaemonConfig daemonConfig(Path file) {
    return DaemonConfigParser.parse(file, HostName::current);
  }

  /** What a daemon configuration describes (GitLab source, SOPS keys, state root). */
  ConfiguredHost configuredHost(DaemonConfig config, Consumer<String> notes) {
    return new ConfiguredHost(config, notes);
  }

  /** The daemon of {@code stow daemon}: this host's Docker engine, logging to standard output. */
  DaemonComposition daemon(Path configFile) {
    return new DaemonComposition(
        configFile, DaemonLog.standardOutput(console.out()), this::docker) {
      @Override
      protected EngineEvents instrument(EngineEvents events) {
        return FaultInjection.wrap(events, environment(), console.err());
      }
    };
  }

  /** A reconciler over this host's Docker engine, the given state root and SOPS decryptor. */
  Reconciler reconciler(Path stateRoot, SecretDecryptor sops, EngineEvents events) {
    return reconciler(stateRoot, sops, events, List.of());
  }

  /** The same, running these Compose profiles. */
  Reconciler reconciler(
      Path stateRoot, SecretDecryptor sops, EngineEvents events, List<String> composeProfiles) {
    return new Reconciler(
        ReconcileContext.builder()
            .docker(docker())
            .secretDecryptor(sops)
            .stateRoot(stateRoot)
            .events(FaultInjection.wrap(events, environment(), console.err()))
            .composeProfiles(composeProfiles)
            .build());
  }
}
