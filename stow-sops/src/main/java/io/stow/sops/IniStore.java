package io.stow.sops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The INI store, reading and writing as the go-ini library under sops does: sections hold keys, a
 * comment above a section or key belongs to it, values may be quoted or {@code """} multi-line; the
 * metadata is the flattened {@code [sops]} section.
 */
final class IniStore implements Store {

  static final String DEFAULT_SECTION = "DEFAULT";

  /** A {@code [sops]} section with a {@code mac} or {@code version} key. */
  @Override
  public boolean hasMetadataBlock(byte[] content) {
    Lines lines = new Lines(content);
    boolean inSection = false;
    while (lines.advance()) {
      if (lines.strippedStartsWith("[")) {
        inSection = lines.strippedEquals("[" + SopsFormat.METADATA_KEY + "]");
      } else if (inSection && (lines.isKey("mac", "=:") || lines.isKey("version", "=:"))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<Node.MapNode> parse(byte[] content, SopsLimits limits) {
    return List.of(IniReader.read(new String(content, StandardCharsets.UTF_8)));
  }

  @Override
  public byte[] emit(List<Node.MapNode> documents) {
    return IniWriter.write(documents.get(0)).getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Node.MapNode metadata(List<Node.MapNode> documents) {
    if (!(documents.get(0).get(SopsFormat.METADATA_KEY) instanceof Node.MapNode section)) {
      return null;
    }
    Map<String, String> flat = new LinkedHashMap<>();
    for (Node.Entry entry : section.entries()) {
      if (entry instanceof Node.Field field) {
        String value = String.valueOf(((Node.Scalar) field.value()).value());
        // sops escapes the newlines of metadata values (armored keys) as "\n" in INI files
        flat.put(field.key(), value.replace("\\n", "\n"));
      }
    }
    return FlatMetadata.unflatten(flat);
  }

  /** Parses go-ini syntax into one mapping of sections. */
  private static final class IniReader {

    private final List<Node.Entry> sections = new ArrayList<>();
    private List<Node.Entry> current;
    private String currentName;
    private final List<String> comments = new ArrayList<>();

    static Node.MapNode read(String text) {
      IniReader reader = new IniReader();
      String[] lines = text.split("\r?\n", -1);
      for (int i = 0; i < lines.length; i++) {
        i = reader.line(lines, i);
      }
      reader.closeSection();
      return new Node.MapNode(reader.sections);
    }

    /** Handles the line at {@code i}; returns the index of the last line it consumed. */
    private int line(String[] lines, int i) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        return i;
      }
      char first = line.charAt(0);
      if (first == '#' || first == ';') {
        comments.add(line.substring(1).strip());
        return i;
      }
      if (first == '[') {
        int close = line.lastIndexOf(']');
        if (close < 0) {
          throw new StoreException("line " + (i + 1) + ": unclosed section header");
        }
        closeSection();
        currentName = line.substring(1, close).strip();
        current = new ArrayList<>();
        takeComments();
        return i;
      }
      int eq = delimiter(line);
      if (eq < 0) {
        throw new StoreException(
            "line " + (i + 1) + " is neither a section, key = value nor a comment");
      }
      String key = unquoteKey(line.substring(0, eq).strip());
      if (current == null) {
        currentName = DEFAULT_SECTION;
        current = new ArrayList<>();
      }
      takeComments();
      String rest = line.substring(eq + 1).stripLeading();
      int consumed = i;
      String value;
      if (rest.startsWith("\"\"\"")) {
        // look for the closing quotes in each new line only: rescanning the value so far made a
        // value of many lines quadratic; quotes cannot span lines, so this finds the same place
        StringBuilder multi = new StringBuilder();
        String part = rest.substring(3);
        int close = part.indexOf("\"\"\"");
        while (close < 0) {
          multi.append(part).append('\n');
          if (++consumed >= lines.length) {
            throw new StoreException("line " + (i + 1) + ": unclosed \"\"\" value");
          }
          part = lines[consumed];
          close = part.indexOf("\"\"\"");
        }
        value = multi.append(part, 0, close).toString();
      } else if (quotedBy(rest, '"') || quotedBy(rest, '`')) {
        value = rest.substring(1, rest.indexOf(rest.charAt(0), 1));
      } else {
        int comment = indexOfAny(rest, "#;");
        value = (comment < 0 ? rest : rest.substring(0, comment)).strip();
      }
      current.add(new Node.Field(key, Node.Scalar.of(value)));
      return consumed;
    }

    private void takeComments() {
      if (!comments.isEmpty()) {
        current.add(new Node.Comment(String.join("\n", comments)));
        comments.clear();
      }
    }

    private void closeSection() {
      if (current != null) {
        sections.add(new Node.Field(currentName, new Node.MapNode(current)));
      }
    }

    private static int delimiter(String line) {
      if (line.startsWith("`") || line.startsWith("\"")) {
        int close = line.indexOf(line.charAt(0), 1);
        return close < 0 ? -1 : indexOfAny(line.substring(close), "=:") + close;
      }
      return indexOfAny(line, "=:");
    }

    private static String unquoteKey(String key) {
      if (key.length() >= 2 && (quotedBy(key, '`') || quotedBy(key, '"'))) {
        return key.substring(1, key.length() - 1);
      }
      return key;
    }

    private static boolean quotedBy(String s, char quote) {
      return s.length() >= 2 && s.charAt(0) == quote && s.indexOf(quote, 1) > 0;
    }

    private static int indexOfAny(String s, String chars) {
      for (int i = 0; i < s.length(); i++) {
        if (chars.indexOf(s.charAt(i)) >= 0) {
          return i;
        }
      }
      return -1;
    }
  }
}
