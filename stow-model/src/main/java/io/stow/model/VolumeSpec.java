package io.stow.model;

import java.util.Objects;
import java.util.Optional;

/**
 * A bind mount. The {@code source} is {@code runtime} (any case) or {@code runtime/<path>} (inside
 * the running-config snapshot), an absolute host path, or a path relative to the deployment folder,
 * as the original tool resolves it. {@code selinux} holds the bind options the original passes to
 * Docker (see {@link BindOptions}).
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
    if (source.isEmpty()) {
      throw new IllegalArgumentException("a volume source must not be empty");
    }
    if (source.contains(":")) {
      throw new IllegalArgumentException(
          "the volume source '" + source + "' must not contain ':' (Docker splits mounts at ':')");
    }
    Mounts.checkTarget(target);
    BindOptions.of(readOnly, selinux);
  }

  public SourceKind sourceKind() {
    return kindOf(source);
  }

  /** Where a (trimmed) source points. */
  public static SourceKind kindOf(String source) {
    // as the original: "runtime" in any case, but a case-sensitive "runtime/" prefix
    if (source.equalsIgnoreCase("runtime") || source.startsWith("runtime/")) {
      return SourceKind.RUNTIME;
    }
    return source.startsWith("/") ? SourceKind.ABSOLUTE : SourceKind.RELATIVE;
  }

  /** The path of a (trimmed) source below its base; see {@link #sourcePath()}. */
  public static String pathOf(String source) {
    return kindOf(source) == SourceKind.RUNTIME
        ? source.length() <= "runtime/".length() ? "" : source.substring("runtime/".length())
        : source;
  }

  /**
   * The path below the runtime directory ({@code ""} for {@code runtime} itself) or the relative
   * path; the absolute path for {@link SourceKind#ABSOLUTE}.
   */
  public String sourcePath() {
    return pathOf(source);
  }

  /** The bind options Docker gets: {@code selinux} and {@code readOnly} together. */
  public BindOptions bindOptions() {
    return BindOptions.of(readOnly, selinux);
  }

  /** The cleaned mount point, as Docker compares mount points. */
  public String cleanTarget() {
    return Mounts.clean(target);
  }
}
