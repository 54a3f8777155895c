package io.stow.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An image reference pinned by tag AND digest: {@code repo[:port]/path:tag@sha256:<64 hex>}.
 *
 * <p>A colon is a tag separator only after the last {@code /}, so registry ports are kept in the
 * repository. The digest hex is normalised to lower case.
 */
public record ImageRef(String repository, String tag, String digest) {

  private static final Pattern DOMAIN_COMPONENT =
      Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?");
  private static final Pattern PATH_COMPONENT =
      Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

  public ImageRef {
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(digest, "digest");
    if (!DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("digest must be sha256:<64 lower-case hex>: " + digest);
    }
  }

  /**
   * Parses {@code repo:tag@sha256:hex}.
   *
   * @throws IllegalArgumentException with a message that says what is missing and how to fix it
   */
  public static ImageRef parse(String text) {
    Objects.requireNonNull(text, "text");
    String value = text.strip();
    int at = value.indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException(
          "image '" + value + "' has no digest; pin it as repo:tag@sha256:<64 hex>");
    }
    String nameAndTag = value.substring(0, at);
    String digest = value.substring(at + 1);
    if (!digest.startsWith("sha256:")) {
      throw new IllegalArgumentException(
          "image '" + value + "' has digest '" + digest + "'; only sha256:<64 hex> is supported");
    }
    String hex = digest.substring("sha256:".length()).toLowerCase(Locale.ROOT);
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "image '"
              + value
              + "' has an invalid digest; it must be sha256: followed by 64 hex characters");
    }
    int slash = nameAndTag.lastIndexOf('/');
    int colon = nameAndTag.lastIndexOf(':');
    if (colon < 0 || colon < slash) {
      throw new IllegalArgumentException(
          "image '" + value + "' has no tag; write repo:tag@sha256:<digest> (a tag AND a digest)");
    }
    String repository = nameAndTag.substring(0, colon);
    String tag = nameAndTag.substring(colon + 1);
    if (!TAG.matcher(tag).matches()) {
      throw new IllegalArgumentException(
          "image '"
              + value
              + "' has an invalid tag '"
              + tag
              + "'; tags match [A-Za-z0-9_][A-Za-z0-9_.-]*");
    }
    checkRepository(value, repository);
    return new ImageRef(repository, tag, "sha256:" + hex);
  }

  private static void checkRepository(String value, String repository) {
    if (repository.isEmpty()) {
      throw new IllegalArgumentException("image '" + value + "' has no repository name");
    }
    String[] parts = repository.split("/", -1);
    int first = 0;
    if (parts.length > 1 && looksLikeRegistry(parts[0])) {
      checkRegistry(value, parts[0]);
      first = 1;
    }
    for (int i = first; i < parts.length; i++) {
      if (!PATH_COMPONENT.matcher(parts[i]).matches()) {
        throw new IllegalArgumentException(
            "image '"
                + value
                + "' has an invalid repository component '"
                + parts[i]
                + "'; use lower-case letters, digits and single separators (. _ -)");
      }
    }
  }

  private static boolean looksLikeRegistry(String part) {
    return part.contains(".") || part.contains(":") || part.equals("localhost");
  }

  private static void checkRegistry(String value, String registry) {
    String host = registry;
    int colon = registry.lastIndexOf(':');
    if (colon >= 0) {
      host = registry.substring(0, colon);
      String port = registry.substring(colon + 1);
      if (!PORT.matcher(port).matches() || Integer.parseInt(port) > 65535) {
        throw new IllegalArgumentException(
            "image '" + value + "' has an invalid registry port '" + port + "'");
      }
    }
    for (String component : host.split("\\.", -1)) {
      if (!DOMAIN_COMPONENT.matcher(component).matches()) {
        throw new IllegalArgumentException(
            "image '" + value + "' has an invalid registry host '" + host + "'");
      }
    }
  }

  /** {@code repo@sha256:hex}: what Docker pulls and runs, independent of the tag. */
  public String pinned() {
    return repository + "@" + digest;
  }

  /** {@code repo:tag}. */
  public String tagged() {
    return repository + ":" + tag;
  }

  /** The digest's 64 hex characters. */
  public String digestHex() {
    return digest.substring("sha256:".length());
  }

  @Override
  public String toString() {
    return repository + ":" + tag + "@" + digest;
  }
}
