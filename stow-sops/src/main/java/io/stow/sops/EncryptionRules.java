package io.stow.sops;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Which values of a file are encrypted, from the metadata's suffix and regex settings, and whether
 * the MAC covers only the encrypted ones. Decided per value from its key path exactly as sops does.
 */
record EncryptionRules(
    String unencryptedSuffix,
    String encryptedSuffix,
    Pattern unencryptedRegex,
    Pattern encryptedRegex,
    Pattern unencryptedCommentRegex,
    Pattern encryptedCommentRegex,
    boolean macOnlyEncrypted) {

  /** The suffix sops assumes when no rule is set. */
  static final String DEFAULT_UNENCRYPTED_SUFFIX = "_unencrypted";

  /** Whether comments are stored in clear text (sops leaves them so for comment regexes). */
  boolean commentsInClear() {
    return unencryptedCommentRegex != null || encryptedCommentRegex != null;
  }

  /**
   * Whether the value at {@code path} is encrypted.
   *
   * @param path the mapping keys from the document root to the value
   * @param comments the comments above each of those keys (outermost first)
   */
  boolean isEncrypted(List<String> path, List<List<String>> comments) {
    boolean encrypted = true;
    if (!unencryptedSuffix.isEmpty()
        && path.stream().anyMatch(k -> k.endsWith(unencryptedSuffix))) {
      encrypted = false;
    }
    if (!encryptedSuffix.isEmpty()) {
      encrypted = path.stream().anyMatch(k -> k.endsWith(encryptedSuffix));
    }
    if (unencryptedRegex != null
        && path.stream()
            .anyMatch(k -> BoundedMatch.find(unencryptedRegex, k, "unencrypted_regex"))) {
      encrypted = false;
    }
    if (encryptedRegex != null) {
      encrypted =
          path.stream().anyMatch(k -> BoundedMatch.find(encryptedRegex, k, "encrypted_regex"));
    }
    if (unencryptedCommentRegex != null && anyMatch(comments, unencryptedCommentRegex)) {
      encrypted = false;
    }
    if (encryptedCommentRegex != null) {
      encrypted = anyMatch(comments, encryptedCommentRegex);
    }
    return encrypted;
  }

  private static boolean anyMatch(List<List<String>> comments, Pattern regex) {
    return comments.stream()
        .flatMap(List::stream)
        .anyMatch(c -> BoundedMatch.find(regex, c, "comment regex"));
  }
}
