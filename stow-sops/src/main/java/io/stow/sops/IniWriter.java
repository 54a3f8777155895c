package io.stow.sops;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes sections as go-ini does: {@code ; comment} lines above their section or key, keys padded
 * to one column per section, {@code " = "}, values quoted when go-ini would, a blank line between
 * sections.
 */
final class IniWriter {

  private IniWriter() {}

  static String write(Node.MapNode document) {
    StringBuilder out = new StringBuilder();
    boolean firstSection = true;
    for (Node.Entry entry : document.entries()) {
      if (!(entry instanceof Node.Field section)) {
        continue; // go-ini has no place for a comment outside a section
      }
      if (!(section.value() instanceof Node.MapNode keys)) {
        throw new StoreException("the INI value " + section.key() + " is not a section");
      }
      List<Node.Entry> entries = keys.entries();
      int first = 0;
      if (!entries.isEmpty() && entries.get(0) instanceof Node.Comment comment) {
        comment(out, comment);
        first = 1;
      }
      if (!firstSection || !section.key().equals(IniStore.DEFAULT_SECTION)) {
        out.append('[').append(section.key()).append("]\n");
      } else if (keys.entries().stream().noneMatch(Node.Field.class::isInstance)) {
        continue;
      }
      firstSection = false;
      int align = 0;
      for (Node.Entry e : entries) {
        if (e instanceof Node.Field field) {
          align = Math.max(align, utf8Length(quoteKey(field.key())));
        }
      }
      for (Node.Entry e : entries.subList(first, entries.size())) {
        if (e instanceof Node.Comment comment) {
          comment(out, comment);
          continue;
        }
        Node.Field field = (Node.Field) e;
        if (!(field.value() instanceof Node.Scalar scalar)) {
          throw new StoreException("the INI key " + field.key() + " holds a mapping or list");
        }
        String key = quoteKey(field.key());
        out.append(key).append(" ".repeat(align - utf8Length(key))).append(" = ");
        out.append(quoteValue(scalar.value() == null ? "" : GoFormat.text(scalar.value())));
        out.append('\n');
      }
      out.append('\n');
    }
    if (out.length() > 0) {
      out.setLength(out.length() - 1); // no blank line after the last section
    }
    return out.toString();
  }

  private static void comment(StringBuilder out, Node.Comment comment) {
    for (String line : comment.text().split("\n", -1)) {
      if (!line.isEmpty() && (line.charAt(0) == '#' || line.charAt(0) == ';')) {
        out.append(line.charAt(0)).append(' ').append(line.substring(1).strip());
      } else {
        out.append("; ").append(line);
      }
      out.append('\n');
    }
  }

  private static String quoteKey(String key) {
    if (key.contains("\"") || key.contains("=") || key.contains(":")) {
      return "`" + key + "`";
    }
    if (key.contains("`")) {
      return "\"\"\"" + key + "\"\"\"";
    }
    return key;
  }

  private static String quoteValue(String value) {
    if (value.contains("\n") || value.contains("`")) {
      return "\"\"\"" + value + "\"\"\"";
    }
    if (value.contains("#") || value.contains(";")) {
      return "`" + value + "`";
    }
    if (!value.strip().equals(value)) {
      return "\"" + value + "\"";
    }
    return value;
  }

  private static int utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }
}
