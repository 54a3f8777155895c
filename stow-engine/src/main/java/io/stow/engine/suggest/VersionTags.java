package io.stow.engine.suggest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Orders numeric image tags as the original tool does: dot-separated numbers compared segment by
 * segment (missing segments count as 0, so {@code 10.2} equals {@code 10.2.0}), then the commit
 * distance of a git-describe tag ({@code 1.2-5-gabc} is 5 commits after {@code 1.2}).
 */
final class VersionTags {

  private VersionTags() {}

  /**
   * Whether {@code next} is lower than {@code current}; empty when either tag is not numeric, so
   * the two cannot be ordered.
   */
  static Optional<Boolean> isDowngrade(String current, String next) {
    Optional<Key> from = Key.parse(current);
    Optional<Key> to = Key.parse(next);
    if (from.isEmpty() || to.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(to.get().compareTo(from.get()) < 0);
  }

  private record Key(List<Long> parts, long distance) implements Comparable<Key> {

    static Optional<Key> parse(String tag) {
      String[] dashed = tag.strip().split("-", -1);
      List<Long> parts = new ArrayList<>();
      for (String part : dashed[0].split("\\.", -1)) {
        if (!part.matches("[0-9]{1,18}")) {
          return Optional.empty();
        }
        parts.add(Long.parseLong(part));
      }
      long distance = 0;
      if (dashed.length > 1 && dashed[1].matches("[0-9]{1,18}")) {
        distance = Long.parseLong(dashed[1]);
      }
      return Optional.of(new Key(parts, distance));
    }

    @Override
    public int compareTo(Key other) {
      int n = Math.max(parts.size(), other.parts.size());
      for (int i = 0; i < n; i++) {
        long a = i < parts.size() ? parts.get(i) : 0;
        long b = i < other.parts.size() ? other.parts.get(i) : 0;
        if (a != b) {
          return Long.compare(a, b);
        }
      }
      return Long.compare(distance, other.distance);
    }
  }
}
