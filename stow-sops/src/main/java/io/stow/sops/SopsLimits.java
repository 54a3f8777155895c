package io.stow.sops;

/**
 * Bounds on what the decryptor accepts, so a hostile or broken file fails with a clear message
 * instead of exhausting memory or the stack.
 *
 * @param maxFileBytes the largest file accepted, in bytes
 * @param maxDepth the deepest nesting of mappings and sequences accepted
 */
public record SopsLimits(long maxFileBytes, int maxDepth) {

  /** 16 MiB and 100 levels: far beyond any real secrets file. */
  public static final SopsLimits DEFAULT = new SopsLimits(16L * 1024 * 1024, 100);

  public SopsLimits {
    if (maxFileBytes < 1 || maxFileBytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("maxFileBytes must be in 1.." + (Integer.MAX_VALUE - 8));
    }
    if (maxDepth < 2) {
      throw new IllegalArgumentException("maxDepth must be at least 2");
    }
  }
}
