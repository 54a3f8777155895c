package io.stow.model;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The options of a bind mount, read as Docker reads the mode of {@code -v source:target:mode}. The
 * original tool joins a volume's trimmed {@code selinux} value and {@code ro} (for {@code readOnly:
 * true}) into that mode, so {@code selinux} may hold any comma-separated options Docker accepts for
 * a bind: at most one of {@code rw}/{@code ro}, one SELinux label {@code z}/{@code Z}, one
 * propagation ({@code private}, {@code rprivate}, {@code shared}, {@code rshared}, {@code slave},
 * {@code rslave}) and one consistency ({@code consistent}, {@code cached}, {@code delegated}, which
 * Docker ignores on Linux).
 *
 * @param readOnly whether the mount is read-only
 * @param label {@code z} (shared) or {@code Z} (private) SELinux relabelling
 * @param propagation the mount propagation
 * @param consistency the consistency mode (no effect on Linux)
 */
public record BindOptions(
    boolean readOnly,
    Optional<String> label,
    Optional<String> propagation,
    Optional<String> consistency) {

  private static final Set<String> ACCESS = Set.of("rw", "ro");
  private static final Set<String> LABELS = Set.of("z", "Z");
  private static final Set<String> PROPAGATIONS =
      Set.of("private", "rprivate", "shared", "rshared", "slave", "rslave");
  private static final Set<String> CONSISTENCIES = Set.of("consistent", "cached", "delegated");

  /** No options: read-write, no relabelling, Docker's default propagation. */
  public static final BindOptions DEFAULT =
      new BindOptions(false, Optional.empty(), Optional.empty(), Optional.empty());

  public BindOptions {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(propagation, "propagation");
    Objects.requireNonNull(consistency, "consistency");
    label.filter(l -> !LABELS.contains(l)).ifPresent(BindOptions::invalid);
    propagation.filter(p -> !PROPAGATIONS.contains(p)).ifPresent(BindOptions::invalid);
    consistency.filter(c -> !CONSISTENCIES.contains(c)).ifPresent(BindOptions::invalid);
  }

  /**
   * The options of a volume: its {@code selinux} text (as the original passes it through) plus
   * {@code ro} when {@code readOnly} is set.
   *
   * @throws IllegalArgumentException for an option Docker refuses or one given twice
   */
  public static BindOptions of(boolean readOnly, Optional<String> selinux) {
    String access = null;
    String label = null;
    String propagation = null;
    String consistency = null;
    String mode = selinux.map(String::strip).orElse("");
    if (readOnly) {
      mode = mode.isEmpty() ? "ro" : mode + ",ro";
    }
    if (mode.isEmpty()) {
      return DEFAULT;
    }
    for (String option : mode.split(",", -1)) {
      if (ACCESS.contains(option)) {
        access = once(access, option, "rw/ro");
      } else if (LABELS.contains(option)) {
        label = once(label, option, "SELinux label (z/Z)");
      } else if (PROPAGATIONS.contains(option)) {
        propagation = once(propagation, option, "propagation");
      } else if (CONSISTENCIES.contains(option)) {
        consistency = once(consistency, option, "consistency");
      } else {
        invalid(option);
      }
    }
    return new BindOptions(
        "ro".equals(access),
        Optional.ofNullable(label),
        Optional.ofNullable(propagation),
        Optional.ofNullable(consistency));
  }

  private static String once(String previous, String option, String kind) {
    if (previous != null) {
      throw new IllegalArgumentException(
          "'"
              + previous
              + "' and '"
              + option
              + "' are both a "
              + kind
              + " option; Docker takes one (readOnly: true adds ro)");
    }
    return option;
  }

  private static void invalid(String option) {
    throw new IllegalArgumentException(
        "'"
            + option
            + "' is not a bind mount option Docker accepts; use z or Z (SELinux), optionally with"
            + " a propagation such as rslave, comma-separated");
  }
}
