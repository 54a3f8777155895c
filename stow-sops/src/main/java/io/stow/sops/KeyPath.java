package io.stow.sops;

import java.util.List;
import java.util.regex.Pattern;

/** Renders a key path for messages, e.g. {@code app2.db.password} or {@code a["dotted.key"]}. */
final class KeyPath {

  private static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9_\\-]+");

  private KeyPath() {}

  static String describe(List<String> path) {
    if (path.isEmpty()) {
      return "the document root";
    }
    StringBuilder out = new StringBuilder();
    for (String key : path) {
      if (SIMPLE.matcher(key).matches()) {
        out.append(out.length() == 0 ? "" : ".").append(key);
      } else {
        out.append("[\"").append(key.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"]");
      }
    }
    return out.toString();
  }
}
