package io.stow.daemon.dashboard;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Writes an HTML page. Markup is written with {@link #raw}, which takes constant markup only; every
 * value, whatever its origin (a container name, a reason, a commit), goes through {@link #text},
 * which escapes it for element content and double-quoted attribute values alike. Nothing else in
 * the daemon writes HTML.
 */
final class Html {

  private final StringBuilder out = new StringBuilder(16 * 1024);

  /** Constant markup, written as is: never pass a value here. */
  Html raw(String markup) {
    out.append(markup);
    return this;
  }

  /** A value, escaped. */
  Html text(String value) {
    escape(value, out);
    return this;
  }

  /** A value, or {@code absent} (also escaped) when there is none. */
  Html text(Optional<String> value, String absent) {
    return text(value.orElse(absent));
  }

  /** A number. */
  Html number(long value) {
    out.append(value);
    return this;
  }

  byte[] bytes() {
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * {@code value} with {@code & < > " '} as character references and control characters as U+FFFD.
   */
  static String escape(String value) {
    StringBuilder escaped = new StringBuilder(value.length() + 16);
    escape(value, escaped);
    return escaped.toString();
  }

  private static void escape(String value, StringBuilder out) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        case '\n', '\t' -> out.append(c);
        default -> out.append(c < 0x20 || c == 0x7f ? '\uFFFD' : c);
      }
    }
  }
}
