package io.stow.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A build context's {@code .dockerignore}, read as the Docker CLI reads it: one pattern a line,
 * {@code #} comments and blank lines skipped, {@code *} and {@code ?} within a path element, {@code
 * **} across elements, {@code !} re-including what an earlier pattern excluded; the last matching
 * pattern wins, and a pattern that matches a directory matches everything below it.
 */
final class DockerIgnore {

  private record Rule(Pattern pattern, boolean exclude) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = rules;
  }

  /** No patterns: everything is sent. */
  static final DockerIgnore NONE = new DockerIgnore(List.of());

  static DockerIgnore parse(String content) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : content.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      boolean exclude = !line.startsWith("!");
      String pattern = clean(exclude ? line : line.substring(1).strip());
      if (!pattern.isEmpty()) {
        rules.add(new Rule(Pattern.compile(regex(pattern)), exclude));
      }
    }
    return new DockerIgnore(List.copyOf(rules));
  }

  /** Whether some pattern re-includes paths, so an excluded directory must still be walked. */
  boolean hasExceptions() {
    return rules.stream().anyMatch(r -> !r.exclude());
  }

  /** Whether the context path ({@code /}-separated, relative) is left out of the tar. */
  boolean excludes(String path) {
    boolean excluded = false;
    for (Rule rule : rules) {
      if (matches(rule.pattern(), path)) {
        excluded = rule.exclude();
      }
    }
    return excluded;
  }

  /** The path or one of its parent directories matches. */
  private static boolean matches(Pattern pattern, String path) {
    if (pattern.matcher(path).matches()) {
      return true;
    }
    for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
      if (pattern.matcher(path.substring(0, slash)).matches()) {
        return true;
      }
    }
    return false;
  }

  private static String clean(String pattern) {
    String p = pattern;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    return p.equals(".") ? "" : p;
  }

  private static String regex(String pattern) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
            i++;
            out.append("(?:.*/)?");
          } else {
            out.append(".*");
          }
        } else {
          out.append("[^/]*");
        }
      } else if (c == '?') {
        out.append("[^/]");
      } else if (c == '[') {
        int end = pattern.indexOf(']', i + 1);
        if (end < 0) {
          out.append("\\[");
        } else {
          String set = pattern.substring(i + 1, end).replace("\\", "\\\\");
          out.append('[').append(set.startsWith("^") ? "^" + set.substring(1) : set).append(']');
          i = end;
        }
      } else if (c == '\\' && i + 1 < pattern.length()) {
        out.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return out.toString();
  }
}
