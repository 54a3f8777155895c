package io.stow.sops;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dotenv store: {@code KEY=VALUE} lines and {@code #} comments; newlines in values are written
 * as {@code \n}; the metadata is flattened into {@code sops_} keys.
 */
final class DotenvStore implements Store {

  private static final String PREFIX = "sops_";

  @Override
  public boolean hasMetadataBlock(byte[] content) {
    Lines lines = new Lines(content);
    while (lines.advance()) {
      if (lines.startsWith(PREFIX + "mac=") || lines.startsWith(PREFIX + "version=")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<Node.MapNode> parse(byte[] content, SopsLimits limits) {
    String text = new String(content, StandardCharsets.UTF_8);
    List<Node.Entry> entries = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        entries.add(new Node.Comment(line.substring(1)));
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new StoreException("line " + (i + 1) + " is neither KEY=VALUE nor a # comment");
      }
      String value = line.substring(eq + 1).replace("\\n", "\n");
      entries.add(new Node.Field(line.substring(0, eq), Node.Scalar.of(value)));
    }
    return List.of(new Node.MapNode(entries));
  }

  @Override
  public byte[] emit(List<Node.MapNode> documents) {
    StringBuilder out = new StringBuilder();
    for (Node.Entry entry : documents.get(0).entries()) {
      if (entry instanceof Node.Comment comment) {
        out.append('#').append(comment.text()).append('\n');
        continue;
      }
      Node.Field field = (Node.Field) entry;
      if (!(field.value() instanceof Node.Scalar scalar)) {
        throw new StoreException(
            "the value of " + field.key() + " is a mapping or list, which dotenv cannot hold");
      }
      String value = scalar.value() == null ? "" : GoFormat.text(scalar.value());
      out.append(field.key()).append('=').append(value.replace("\n", "\\n")).append('\n');
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public Node.MapNode metadata(List<Node.MapNode> documents) {
    Map<String, String> flat = new LinkedHashMap<>();
    for (Node.Entry entry : documents.get(0).entries()) {
      if (entry instanceof Node.Field field && field.key().startsWith(PREFIX)) {
        Object value = ((Node.Scalar) field.value()).value();
        flat.put(field.key().substring(PREFIX.length()), String.valueOf(value));
      }
    }
    return flat.isEmpty() ? null : FlatMetadata.unflatten(flat);
  }

  @Override
  public List<Node.MapNode> withoutMetadata(List<Node.MapNode> documents) {
    List<Node.Entry> entries = new ArrayList<>();
    for (Node.Entry entry : documents.get(0).entries()) {
      if (!(entry instanceof Node.Field field && field.key().startsWith(PREFIX))) {
        entries.add(entry);
      }
    }
    return List.of(new Node.MapNode(entries));
  }
}
