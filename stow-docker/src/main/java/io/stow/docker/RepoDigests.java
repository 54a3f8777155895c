package io.stow.docker;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Picks, from an image's RepoDigests ({@code repo@sha256:hex}, one per repository it was pushed to
 * or pulled from), the digest for the repository of {@code repo:tag}. Docker Hub's short names
 * ({@code busybox}, {@code library/busybox}, {@code docker.io/library/busybox}) match each other.
 */
final class RepoDigests {

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-fA-F]{64}");

  private RepoDigests() {}

  static Optional<String> pick(String imageTagged, List<String> repoDigests) {
    String repository = normalise(withoutTag(imageTagged));
    for (String entry : repoDigests) {
      int at = entry.indexOf('@');
      if (at < 0) {
        continue;
      }
      String digest = entry.substring(at + 1);
      if (normalise(entry.substring(0, at)).equals(repository)
          && DIGEST.matcher(digest).matches()) {
        return Optional.of(digest.toLowerCase(Locale.ROOT));
      }
    }
    return Optional.empty();
  }

  private static String withoutTag(String image) {
    int at = image.indexOf('@');
    String name = at < 0 ? image : image.substring(0, at);
    int colon = name.lastIndexOf(':');
    return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
  }

  private static String normalise(String repository) {
    String name = repository;
    for (String hub : List.of("docker.io/", "index.docker.io/", "registry-1.docker.io/")) {
      if (name.startsWith(hub)) {
        name = name.substring(hub.length());
      }
    }
    if (name.indexOf('/') < 0) {
      name = "library/" + name;
    }
    return name;
  }
}
