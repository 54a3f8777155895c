package io.stow.engine.pin;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code stow pin} did to a Compose file.
 *
 * @param pinned each image pinned, with the reference it had and the one it has now
 * @param skipped each image left as it was and why: already pinned, or not editable in place
 * @param unpinned how many images are still not pinned (interpolated, anchored): the file is not
 *     deployable until they are
 */
public record PinReport(Path file, List<Pinned> pinned, List<Skipped> skipped, int unpinned) {

  public PinReport {
    Objects.requireNonNull(file, "file");
    pinned = List.copyOf(pinned);
    skipped = List.copyOf(skipped);
  }

  /** An image that was pinned. */
  public record Pinned(String service, String from, String to) {}

  /** An image left as it was. */
  public record Skipped(String service, String image, String reason) {}
}
