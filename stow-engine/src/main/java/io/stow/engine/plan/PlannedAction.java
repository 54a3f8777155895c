package io.stow.engine.plan;

import io.stow.model.ImageRef;
import java.util.Objects;
import java.util.Optional;

/**
 * One planned container action and why.
 *
 * @param container the container name
 * @param kind noop, replace or delete
 * @param reason {@code up-to-date}, {@code completed} (a job that ran for this deployment), {@code
 *     missing}, {@code stopped}, {@code stale-hash v1:abc -> v1:def} or {@code not-in-manifest}
 * @param observedId the id of the existing container, empty when there is none
 * @param image the desired image; empty for a delete
 */
public record PlannedAction(
    String container,
    ActionKind kind,
    String reason,
    Optional<String> observedId,
    Optional<ImageRef> image) {

  public static final String UP_TO_DATE = "up-to-date";
  public static final String MISSING = "missing";
  public static final String STOPPED = "stopped";
  public static final String STALE_HASH = "stale-hash";
  public static final String NOT_IN_MANIFEST = "not-in-manifest";
  public static final String COMPLETED = "completed";

  public PlannedAction {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(observedId, "observedId");
    Objects.requireNonNull(image, "image");
    if (kind != ActionKind.DELETE && image.isEmpty()) {
      throw new IllegalArgumentException(kind.label() + " of " + container + " needs an image");
    }
  }

  /** {@code replace web (stale-hash v1:abc -> v1:def)}. */
  public String describe() {
    return kind.label() + " " + container + " (" + reason + ")";
  }
}
