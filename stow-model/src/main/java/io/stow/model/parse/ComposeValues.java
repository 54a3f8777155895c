package io.stow.model.parse;

import io.stow.model.parse.Binding.Item;
import io.stow.model.parse.Binding.Text;
import io.stow.model.parse.YamlNode.Entry;
import io.stow.model.parse.YamlNode.MapNode;
import io.stow.model.parse.YamlNode.ScalarNode;
import io.stow.model.parse.YamlNode.SeqNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The value shapes Compose allows besides plain ones: string-or-list and list-or-mapping. */
final class ComposeValues {

  private ComposeValues() {}

  /** One entry of a list-or-mapping value: {@code KEY=VALUE} items or {@code KEY: VALUE} pairs. */
  record Pair(String key, Optional<String> value, YamlNode node, String path) {}

  /**
   * A list of {@code KEY=VALUE} (or bare {@code KEY}) strings, or a mapping of keys to scalar
   * values (a null value: no value); in document order.
   */
  static List<Pair> pairs(Binding c, String key, char separator) {
    List<Pair> out = new ArrayList<>();
    Optional<YamlNode> node = c.node(key);
    if (node.isEmpty() || Binding.isNull(node.get())) {
      return out;
    }
    if (node.get() instanceof MapNode map) {
      for (Entry entry : map.entries().values()) {
        String at = c.child(key) + "." + entry.key();
        if (Binding.isNull(entry.value())) {
          out.add(new Pair(entry.key(), Optional.empty(), entry.value(), at));
        } else {
          c.scalarText(entry.value(), at)
              .ifPresent(v -> out.add(new Pair(entry.key(), Optional.of(v), entry.value(), at)));
        }
      }
      return out;
    }
    if (!(node.get() instanceof SeqNode)) {
      c.problem(
          key,
          "must be a list of KEY"
              + separator
              + "VALUE or a mapping, found "
              + YamlNode.describe(node.get()));
      return out;
    }
    for (Item item : c.list(key)) {
      c.scalarText(item.node(), item.path())
          .ifPresent(
              text -> {
                int at = text.indexOf(separator);
                out.add(
                    at < 0
                        ? new Pair(text.strip(), Optional.empty(), item.node(), item.path())
                        : new Pair(
                            text.substring(0, at).strip(),
                            Optional.of(text.substring(at + 1)),
                            item.node(),
                            item.path()));
              });
    }
    return out;
  }

  /** A single string or a list of strings, trimmed, blank entries dropped. */
  static List<Text> stringOrList(Binding c, String key) {
    Optional<YamlNode> node = c.node(key);
    if (node.isEmpty() || Binding.isNull(node.get())) {
      return List.of();
    }
    if (node.get() instanceof ScalarNode scalar) {
      String text = scalar.text().strip();
      return text.isEmpty() ? List.of() : List.of(new Text(text, new Item(scalar, c.child(key))));
    }
    return c.trimmedList(key);
  }

  /**
   * A command-like value: a list taken item by item as written, or a string split into words as
   * Compose splits it. Empty when absent.
   */
  static Optional<List<String>> words(Binding c, String key) {
    Optional<YamlNode> node = c.node(key);
    if (node.isEmpty() || Binding.isNull(node.get())) {
      return Optional.empty();
    }
    if (node.get() instanceof ScalarNode scalar) {
      try {
        return Optional.of(ShellWords.split(scalar.text()));
      } catch (IllegalArgumentException e) {
        c.problem(key, e.getMessage() + "; quote the words as a shell would, or write a list");
        return Optional.empty();
      }
    }
    return Optional.of(c.stringList(key));
  }

  /**
   * A path relative to the project folder, as {@code ./path} (so stow's {@code runtime/} prefix
   * never applies), or empty with a problem when it is absolute or leaves the folder.
   */
  static Optional<String> inside(Binding c, YamlNode node, String path, String text, String what) {
    if (text.startsWith("/") || text.startsWith("~")) {
      c.problemAt(
          node,
          path,
          what
              + " '"
              + text
              + "' must be a relative path inside the deployment folder (the folder is all stow"
              + " deploys)");
      return Optional.empty();
    }
    if (VolumeBinder.escapes(text)) {
      c.problemAt(
          node,
          path,
          what + " '" + text + "' leaves the deployment folder through '..'; keep it inside");
      return Optional.empty();
    }
    String normal = Path.of(text.isEmpty() ? "." : text).normalize().toString();
    return Optional.of(normal.isEmpty() || normal.equals(".") ? "." : "./" + normal);
  }
}
