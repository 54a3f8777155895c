package io.stow.docker;

import java.util.Objects;
import java.util.Optional;

/** A bind mount with its source resolved to an absolute host path. */
public record BindMount(
    String hostPath, String target, boolean readOnly, Optional<String> selinux) {

  public BindMount {
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(selinux, "selinux");
    if (!hostPath.startsWith("/")) {
      throw new IllegalArgumentException("bind source must be absolute: " + hostPath);
    }
  }
}
