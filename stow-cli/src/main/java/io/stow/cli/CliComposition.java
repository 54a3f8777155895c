package io.stow.cli;

import io.stow.docker.DockerHost;
import io.stow.docker.DockerJavaHost;
import io.stow.engine.EngineEvents;
import io.stow.engine.ReconcileContext;
import io.stow.engine.Reconciler;
import java.nio.file.Path;
import java.util.List;

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
    return List.of(new ValidateCommand(), new HashCommand(), new ReconcileCommand(this));
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

  /** A reconciler over this host's Docker engine and the given state root. */
  Reconciler reconciler(Path stateRoot, EngineEvents events) {
    return new Reconciler(
        ReconcileContext.builder().docker(docker()).stateRoot(stateRoot).events(events).build());
  }
}
