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
 * @param exitCode the exit code of a container that has exited, when Docker reports it
 */
public record ObservedContainer(
    String id,
    String name,
    String image,
    Map<String, String> labels,
    String status,
    boolean running,
    boolean restarting,
    Optional<Integer> exitCode) {

  public ObservedContainer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    labels = Map.copyOf(labels);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(exitCode, "exitCode");
  }

  /** A container whose exit code is not known. */
  public ObservedContainer(
      String id,
      String name,
      String image,
      Map<String, String> labels,
      String status,
      boolean running,
      boolean restarting) {
    this(id, name, image, labels, status, running, restarting, Optional.empty());
  }

  /** Whether it ran to completion: exited with code 0. */
  public boolean completedSuccessfully() {
    return !running && status.equals("exited") && exitCode.equals(Optional.of(0));
  }

  /** The value of a label, if set. */
  public Optional<String> label(String key) {
    return Optional.ofNullable(labels.get(key));
  }
}
