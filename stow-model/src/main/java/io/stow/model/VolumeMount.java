package io.stow.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A Docker volume mounted into a container: a named volume of the deployment (or an external one),
 * or an anonymous volume that lives and dies with the container.
 *
 * @param volume the Docker name of the volume; empty for an anonymous volume
 * @param target the mount point inside the container
 * @param noCopy whether Docker must not copy the image's files at {@code target} into a new volume
 */
public record VolumeMount(
    Optional<String> volume, String target, boolean readOnly, boolean noCopy) {

  public VolumeMount {
    Objects.requireNonNull(volume, "volume");
    Objects.requireNonNull(target, "target");
    Mounts.checkTarget(target);
  }

  /** The cleaned mount point, as Docker compares mount points. */
  public String cleanTarget() {
    return Mounts.clean(target);
  }

  @Override
  public String toString() {
    return volume.orElse("(anonymous)") + ":" + target + (readOnly ? ":ro" : "");
  }
}
