package io.stow.cli.trigger;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A full Git commit id of the deployment repository's default branch (SHA-1 or SHA-256 hex), as CI
 * passes it in {@code $CI_COMMIT_SHA}. The daemon only correlates status with it: it always deploys
 * the head of the default branch.
 *
 * @param hex lower-case hex, 40 or 64 digits
 */
public record HeadHash(String hex) {

  private static final Pattern FULL = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  public HeadHash {
    Objects.requireNonNull(hex, "hex");
    if (!FULL.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "'" + hex + "' is not a full commit id: write the 40 (or 64) hex digits of the commit");
    }
  }

  /** Parses a commit id in either case; surrounding blanks are dropped. */
  public static HeadHash parse(String text) {
    return new HeadHash(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
  }

  /** The first 12 digits, for messages. */
  public String abbreviated() {
    return hex.substring(0, 12);
  }

  @Override
  public String toString() {
    return hex;
  }
}
