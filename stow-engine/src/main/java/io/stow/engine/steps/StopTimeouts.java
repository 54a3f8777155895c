package io.stow.engine.steps;

import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How long a container may take to stop before Docker kills it: its {@code stopTimeout} in the
 * descriptor it belongs to, else the engine's default. Every step that stops containers (apply,
 * with the containers it deletes, the restore of a rollback, the removal of a failed first
 * deployment) asks here, so a database given a minute to shut down cleanly gets that minute on
 * every path.
 */
final class StopTimeouts {

  private final Duration engineDefault;

  StopTimeouts(Duration engineDefault) {
    this.engineDefault = Objects.requireNonNull(engineDefault, "engineDefault");
  }

  /**
   * The stop timeout of {@code container}. The first of {@code owners} that declares the container
   * is the descriptor it belongs to and decides alone: when it sets no {@code stopTimeout}, the
   * engine's default applies even if a later descriptor sets one. A container no descriptor
   * declares gets the engine's default.
   *
   * @param owners the descriptors to look in, the one that wins first (the target of an apply, then
   *     the deployment it replaces)
   */
  Duration of(String container, List<Descriptor> owners) {
    for (Descriptor owner : owners) {
      Optional<ContainerSpec> spec = owner.container(container);
      if (spec.isPresent()) {
        return spec.get().stopTimeout().orElse(engineDefault);
      }
    }
    return engineDefault;
  }
}
