package io.stow.engine.source;

/**
 * Bounds on what an archive may expand to.
 *
 * @param maxTotalBytes the uncompressed archive: entry data, headers, padding and PAX or GNU
 *     metadata alike, counted below the tar reader
 * @param maxEntries the number of files and directories
 * @param maxCompressionRatio uncompressed bytes per compressed byte, checked once the archive has
 *     expanded past {@code ratioGraceBytes}
 * @param ratioGraceBytes below this many uncompressed bytes the ratio is not checked (tiny archives
 *     of repetitive text compress very well)
 */
public record ArchiveLimits(
    long maxTotalBytes, int maxEntries, int maxCompressionRatio, long ratioGraceBytes) {

  /** 256 MiB, 10 000 entries, ratio 100 after 1 MiB. */
  public static final ArchiveLimits DEFAULT =
      new ArchiveLimits(256L * 1024 * 1024, 10_000, 100, 1024L * 1024);

  public ArchiveLimits {
    if (maxTotalBytes <= 0 || maxEntries <= 0 || maxCompressionRatio <= 0 || ratioGraceBytes < 0) {
      throw new IllegalArgumentException("archive limits must be positive");
    }
  }
}
