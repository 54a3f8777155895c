package io.stow.model;

/** Rules that bind mounts and tmpfs mounts share, as Docker checks them. */
final class Mounts {

  private Mounts() {}

  /**
   * A mount point must be absolute, must not be {@code /} and must not hold {@code :} (Docker
   * splits bind specifications at colons).
   */
  static void checkTarget(String target) {
    if (!target.startsWith("/")) {
      throw new IllegalArgumentException(
          "the mount point '" + target + "' must be an absolute path inside the container");
    }
    if (clean(target).equals("/")) {
      throw new IllegalArgumentException("the mount point cannot be / (the container's root)");
    }
    if (target.contains(":")) {
      throw new IllegalArgumentException(
          "the mount point '" + target + "' must not contain ':' (Docker splits mounts at ':')");
    }
  }

  /** The path with repeated, trailing and {@code .} separators removed, as Go's path.Clean. */
  static String clean(String path) {
    java.nio.file.Path normal = java.nio.file.Path.of(path).normalize();
    String text = normal.toString();
    return text.isEmpty() ? "." : text;
  }
}
