package io.stow.docker;

import io.stow.model.BindOptions;
import java.util.Objects;

/**
 * A bind mount with its source resolved to an absolute host path.
 *
 * @param hostPath the absolute host path
 * @param target the mount point inside the container
 * @param options read-only, SELinux label and propagation, as parsed from the volume
 */
public record BindMount(String hostPath, String target, BindOptions options) {

  public BindMount {
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(options, "options");
    if (!hostPath.startsWith("/")) {
      throw new IllegalArgumentException("bind source must be absolute: " + hostPath);
    }
  }

  /** Whether the container sees the mount read-only. */
  public boolean readOnly() {
    return options.readOnly();
  }
}
