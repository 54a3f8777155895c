package io.stow.sops;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Writes a mapping as sops does: Go's {@code encoding/json} escaping (HTML characters as \\u003c
 * and friends) indented with tabs by {@code json.Indent}, comments dropped, one final newline.
 */
final class JsonWriter {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final StringBuilder out = new StringBuilder();

  private JsonWriter() {}

  /** The JSON of a mapping (or of a list of documents). */
  static byte[] write(Node document) {
    JsonWriter writer = new JsonWriter();
    writer.value(document, "");
    writer.out.append('\n');
    return writer.out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void value(Node node, String indent) {
    if (node instanceof Node.MapNode map) {
      List<Node.Field> fields =
          map.entries().stream()
              .filter(Node.Field.class::isInstance)
              .map(Node.Field.class::cast)
              .toList();
      if (fields.isEmpty()) {
        out.append("{}");
        return;
      }
      out.append("{\n");
      String inner = indent + "\t";
      for (int i = 0; i < fields.size(); i++) {
        out.append(inner);
        string(fields.get(i).key());
        out.append(": ");
        value(fields.get(i).value(), inner);
        out.append(i < fields.size() - 1 ? ",\n" : "\n");
      }
      out.append(indent).append('}');
    } else if (node instanceof Node.ListNode list) {
      List<Node> items = list.items().stream().filter(n -> !(n instanceof Node.Comment)).toList();
      if (items.isEmpty()) {
        out.append("[]");
        return;
      }
      out.append("[\n");
      String inner = indent + "\t";
      for (int i = 0; i < items.size(); i++) {
        out.append(inner);
        value(items.get(i), inner);
        out.append(i < items.size() - 1 ? ",\n" : "\n");
      }
      out.append(indent).append(']');
    } else if (node instanceof Node.Scalar scalar) {
      scalar(scalar.value());
    } else {
      out.append("null"); // a comment in value position has no JSON form
    }
  }

  private void scalar(Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Double d) {
      out.append(GoFormat.formatJson(d));
    } else if (value instanceof String || value instanceof byte[]) {
      string(GoFormat.text(value));
    } else if (value instanceof OffsetDateTime t) {
      string(GoFormat.rfc3339Nano(t));
    } else {
      out.append(value); // Long, BigInteger, Boolean
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append("\\u")
                .append(HEX[(c >> 12) & 0xf])
                .append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf])
                .append(HEX[c & 0xf]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
