package io.stow.sops;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Writes documents in the block style sops' Go YAML encoder uses: four-space indentation, sequences
 * indented under their key, strings quoted only when they would read back as another type (YAML 1.1
 * or 1.2), multi-line strings as literal blocks, comments on their own lines.
 */
final class YamlWriter {

  private static final String INDENT = "    ";
  private static final ScalarResolver RESOLVER = new CoreScalarResolver(false);
  private static final Set<String> YAML11_WORDS =
      Set.of(
          "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
          "OFF", "true", "True", "TRUE", "false", "False", "FALSE", "null", "Null", "NULL", "~",
          "");
  private static final Pattern NUMBER_LIKE =
      Pattern.compile(
          "[-+]?(\\.?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+"
              + "|[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?|\\.(inf|Inf|INF|nan|NaN|NAN))");
  private static final Pattern TIMESTAMP_LIKE =
      Pattern.compile("[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt \\t].*)?");
  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  private final StringBuilder out = new StringBuilder();

  private YamlWriter() {}

  static byte[] write(List<Node.MapNode> documents) {
    YamlWriter writer = new YamlWriter();
    for (int i = 0; i < documents.size(); i++) {
      if (i > 0) {
        writer.out.append("---\n");
      }
      Node.MapNode document = documents.get(i);
      if (document.entries().isEmpty()) {
        writer.out.append("{}\n");
      } else {
        writer.mapping(document, "");
      }
    }
    return writer.out.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void mapping(Node.MapNode map, String indent) {
    for (Node.Entry entry : map.entries()) {
      if (entry instanceof Node.Comment comment) {
        comment(comment, indent);
        continue;
      }
      Node.Field field = (Node.Field) entry;
      out.append(indent).append(plainOrQuoted(field.key())).append(':');
      value(field.value(), indent);
    }
  }

  private void sequence(Node.ListNode list, String indent) {
    for (Node item : list.items()) {
      if (item instanceof Node.Comment comment) {
        comment(comment, indent);
        continue;
      }
      if (isBlock(item)) {
        // write the block one level in, then put the dash on its first line
        int start = out.length();
        String inner = indent + "  ";
        if (item instanceof Node.MapNode m) {
          mapping(m, inner);
        } else {
          sequence((Node.ListNode) item, inner);
        }
        out.replace(start, start + inner.length(), indent + "- ");
      } else {
        out.append(indent).append('-');
        value(item, indent);
      }
    }
  }

  /** Writes what follows "key:" or "-": a scalar on the same line or a nested block. */
  private void value(Node value, String indent) {
    if (value instanceof Node.MapNode m) {
      if (m.entries().isEmpty()) {
        out.append(" {}\n");
      } else {
        out.append('\n');
        mapping(m, indent + INDENT);
      }
    } else if (value instanceof Node.ListNode list) {
      if (list.items().isEmpty()) {
        out.append(" []\n");
      } else {
        out.append('\n');
        sequence(list, indent + INDENT);
      }
    } else if (value instanceof Node.Comment comment) {
      out.append(" null\n");
      comment(comment, indent);
    } else {
      scalar(((Node.Scalar) value).value(), indent);
    }
  }

  private void scalar(Object value, String indent) {
    out.append(' ');
    if (value == null) {
      out.append("null\n");
    } else if (value instanceof Double d) {
      out.append(yamlFloat(d)).append('\n');
    } else if (value instanceof OffsetDateTime t) {
      out.append(GoFormat.rfc3339Nano(t)).append('\n');
    } else if (value instanceof String || value instanceof byte[]) {
      String text = GoFormat.text(value);
      if (text.indexOf('\n') >= 0
          && isPrintable(text)
          && !text.startsWith(" ")
          && !text.startsWith("\n")) {
        literal(text, indent + INDENT);
      } else {
        out.append(plainOrQuoted(text)).append('\n');
      }
    } else {
      out.append(value).append('\n'); // Long, BigInteger, Boolean
    }
  }

  private void literal(String text, String indent) {
    // a leading space or newline would need an indentation indicator: such text is quoted instead
    out.append('|');
    String body = text;
    if (text.endsWith("\n\n") || text.equals("\n")) {
      out.append('+');
      body = text.substring(0, text.length() - 1);
    } else if (text.endsWith("\n")) {
      body = text.substring(0, text.length() - 1);
    } else {
      out.append('-');
    }
    out.append('\n');
    for (String line : body.split("\n", -1)) {
      if (!line.isEmpty()) {
        out.append(indent).append(line);
      }
      out.append('\n');
    }
  }

  private void comment(Node.Comment comment, String indent) {
    for (String line : comment.text().split("\n", -1)) {
      out.append(indent).append('#').append(line).append('\n');
    }
  }

  private static boolean isBlock(Node node) {
    return (node instanceof Node.MapNode m && !m.entries().isEmpty())
        || (node instanceof Node.ListNode l && !l.items().isEmpty());
  }

  private static String yamlFloat(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    return GoFormat.formatG(d);
  }

  /** The string plain when it reads back as the same string, else double-quoted. */
  static String plainOrQuoted(String s) {
    return canBePlain(s) ? s : doubleQuoted(s);
  }

  private static boolean canBePlain(String s) {
    if (YAML11_WORDS.contains(s)
        || NUMBER_LIKE.matcher(s).matches()
        || TIMESTAMP_LIKE.matcher(s).matches()
        || !RESOLVER.resolve(s, true).equals(Tag.STR)) {
      return false;
    }
    char first = s.charAt(0);
    char last = s.charAt(s.length() - 1);
    if (Character.isWhitespace(first) || Character.isWhitespace(last) || last == ':') {
      return false;
    }
    if (INDICATORS.indexOf(first) >= 0
        && !(first == '-' && s.length() > 1 && s.charAt(1) != ' ' && !s.startsWith("---"))) {
      return false;
    }
    if (s.contains(": ") || s.contains(" #") || s.contains("\t")) {
      return false;
    }
    return isPrintable(s) && s.indexOf('\n') < 0 && s.indexOf('\r') < 0;
  }

  private static boolean isPrintable(String s) {
    return s.codePoints()
        .allMatch(
            c ->
                c == '\n'
                    || c == '\t'
                    || (c >= 0x20 && c <= 0x7e)
                    || (c >= 0xa0 && c <= 0xd7ff && c != 0x2028 && c != 0x2029)
                    || (c >= 0xe000 && c <= 0xfffd && c != 0xfeff)
                    || c >= 0x10000);
  }

  private static String doubleQuoted(String s) {
    StringBuilder q = new StringBuilder(s.length() + 2).append('"');
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case 0 -> q.append("\\0");
                case 7 -> q.append("\\a");
                case '\b' -> q.append("\\b");
                case '\t' -> q.append("\\t");
                case '\n' -> q.append("\\n");
                case 0x0b -> q.append("\\v");
                case '\f' -> q.append("\\f");
                case '\r' -> q.append("\\r");
                case 0x1b -> q.append("\\e");
                case 0x85 -> q.append("\\N");
                case 0xa0 -> q.append("\\_");
                case 0x2028 -> q.append("\\L");
                case 0x2029 -> q.append("\\P");
                default -> {
                  if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
                    q.append(String.format("\\x%02X", c));
                  } else if (c == 0xfeff || (c >= 0xd800 && c <= 0xdfff)) {
                    q.append(String.format("\\u%04X", c));
                  } else {
                    q.appendCodePoint(c);
                  }
                }
              }
            });
    return q.append('"').toString();
  }
}
