package io.stow.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A bind mount. The {@code source} is {@code runtime} or {@code runtime/<path>} (inside the
 * running-config snapshot), an absolute host path, or a path relative to the deployment folder.
 */
public record VolumeSpec(String source, String target, boolean readOnly, Optional<String> selinux) {

  /** Where a volume source points. */
  public enum SourceKind {
    /** {@code runtime} or {@code runtime/<path>}: below {@code ~/running-config}. */
    RUNTIME,
    /** An absolute host path, used as is. */
    ABSOLUTE,
    /** A path inside this deployment's snapshot. */
    RELATIVE
  }

  public VolumeSpec {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(selinux, "selinux");
  }

  public SourceKind sourceKind() {
    if (source.equals("runtime") || source.startsWith("runtime/")) {
      return SourceKind.RUNTIME;
    }
    return source.startsWith("/") ? SourceKind.ABSOLUTE : SourceKind.RELATIVE;
  }

  /**
   * The path below the runtime directory ({@code ""} for {@code runtime} itself) or the relative
   * path; the absolute path for {@link SourceKind#ABSOLUTE}.
   */
  public String sourcePath() {
    return switch (sourceKind()) {
      case RUNTIME -> source.equals("runtime") ? "" : source.substring("runtime/".length());
      case ABSOLUTE, RELATIVE -> source;
    };
  }
}
