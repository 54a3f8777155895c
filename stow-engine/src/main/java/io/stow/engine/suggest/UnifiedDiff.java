package io.stow.engine.suggest;

import java.util.Arrays;
import java.util.List;

/**
 * A unified diff (three lines of context) of a text whose changes lie in one region, as an image
 * edit's do: the lines between the common prefix and the common suffix.
 */
final class UnifiedDiff {

  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  static String of(String path, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    int prefix = 0;
    while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
      prefix++;
    }
    int suffix = 0;
    while (suffix < a.size() - prefix
        && suffix < b.size() - prefix
        && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
      suffix++;
    }
    int start = Math.max(0, prefix - CONTEXT);
    int tail = Math.min(suffix, CONTEXT);
    int aEnd = a.size() - suffix;
    int bEnd = b.size() - suffix;
    StringBuilder out = new StringBuilder();
    out.append("--- a/").append(path).append('\n');
    out.append("+++ b/").append(path).append('\n');
    out.append("@@ -")
        .append(range(start, aEnd + tail - start))
        .append(" +")
        .append(range(start, bEnd + tail - start))
        .append(" @@\n");
    for (int i = start; i < prefix; i++) {
      out.append(' ').append(a.get(i)).append('\n');
    }
    for (int i = prefix; i < aEnd; i++) {
      out.append('-').append(a.get(i)).append('\n');
    }
    for (int i = prefix; i < bEnd; i++) {
      out.append('+').append(b.get(i)).append('\n');
    }
    for (int i = aEnd; i < aEnd + tail; i++) {
      out.append(' ').append(a.get(i)).append('\n');
    }
    return out.toString();
  }

  private static String range(int start, int count) {
    return count == 0 ? start + ",0" : (start + 1) + "," + count;
  }

  private static List<String> lines(String text) {
    String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return body.isEmpty() ? List.of() : Arrays.asList(body.split("\n", -1));
  }
}
