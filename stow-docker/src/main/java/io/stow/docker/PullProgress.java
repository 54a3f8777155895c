package io.stow.docker;

import java.util.Objects;
import java.util.Optional;

/** One progress event of an image pull, as Docker reports it. */
public record PullProgress(
    String image, String status, Optional<String> layer, long current, long total) {

  public PullProgress {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(layer, "layer");
  }
}
