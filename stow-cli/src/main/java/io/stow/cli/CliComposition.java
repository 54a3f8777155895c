package io.stow.cli;

import io.stow.docker.DockerHost;
import io.stow.docker.DockerJavaHost;
import io.stow.engine.EngineEvents;
import io.stow.engine.ReconcileContext;
import io.stow.engine.Reconciler;
import io.stow.sops.SecretDecryptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        new ValidateCommand(),
        new HashCommand(),
        new DecryptCommand(this),
        new ReconcileCommand(this));
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

  /** A reconciler over this host's Docker engine, the given state root and SOPS decryptor. */
  Reconciler reconciler(Path stateRoot, SecretDecryptor sops, EngineEvents events) {
    return new Reconciler(
        ReconcileContext.builder()
            .docker(docker())
            .secretDecryptor(sops)
            .stateRoot(stateRoot)
            .events(events)
            .build());
  }
}
