package io.stow.model;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One container as the host's container list reports it: enough to plan (name, labels, whether it
 * runs), in one call for all containers. A plain value, so that the planner needs no Docker type.
 *
 * @param name the name without Docker's leading slash
 * @param image the image reference the container was created from
 * @param status Docker's state string: created, running, restarting, exited, ...
 */
public record ObservedContainer(
    String id,
    String name,
    String image,
    Map<String, String> labels,
    String status,
    boolean running,
    boolean restarting) {

  public ObservedContainer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(status, "status");
  }

  /** The value of a label, if set. */
  public Optional<String> label(String key) {
    return Optional.ofNullable(labels.get(key));
  }
}
