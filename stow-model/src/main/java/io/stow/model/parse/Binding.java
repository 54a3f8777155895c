package io.stow.model.parse;

import io.stow.model.Durations;
import io.stow.model.parse.YamlNode.Entry;
import io.stow.model.parse.YamlNode.MapNode;
import io.stow.model.parse.YamlNode.ScalarNode;
import io.stow.model.parse.YamlNode.ScalarType;
import io.stow.model.parse.YamlNode.SeqNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Typed access to a YAML mapping that records a {@link Problem} (with the YAML path and position)
 * for every wrong key or value instead of stopping at the first one. Getters return empty or a
 * default after recording a problem, so binding goes on and reports everything at once.
 */
final class Binding {

  private final String file;
  private final List<Problem> problems;
  private final MapNode map;
  private final String path;

  private Binding(String file, List<Problem> problems, MapNode map, String path) {
    this.file = file;
    this.problems = problems;
    this.map = map;
    this.path = path;
  }

  /** Binds a mapping node; reports any key outside {@code known}. Empty if it is not a mapping. */
  static Optional<Binding> of(
      String file, List<Problem> problems, YamlNode node, String path, Set<String> known) {
    if (!(node instanceof MapNode map)) {
      problems.add(
          problem(file, node, path, "must be a mapping, found " + YamlNode.describe(node)));
      return Optional.empty();
    }
    Binding binding = new Binding(file, problems, map, path);
    for (Entry entry : map.entries().values()) {
      if (!known.contains(entry.key())) {
        problems.add(
            new Problem(
                file,
                binding.child(entry.key()),
                entry.line(),
                entry.column(),
                "unknown key '"
                    + entry.key()
                    + "'; allowed here: "
                    + String.join(", ", new TreeSet<>(known))));
      }
    }
    return Optional.of(binding);
  }

  /** A nested mapping under {@code key}, with its own allowed keys. */
  Optional<Binding> nested(String key, Set<String> known) {
    return node(key).flatMap(node -> of(file, problems, node, child(key), known));
  }

  String path() {
    return path;
  }

  String file() {
    return file;
  }

  List<Problem> problems() {
    return problems;
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  Optional<YamlNode> node(String key) {
    Entry entry = map.entries().get(key);
    return entry == null ? Optional.empty() : Optional.of(entry.value());
  }

  /** Records a problem about the whole mapping. */
  void problem(String message) {
    problems.add(new Problem(file, path, map.line(), map.column(), message));
  }

  /** Records a problem about the value under {@code key}. */
  void problem(String key, String message) {
    YamlNode at = node(key).orElse(map);
    problems.add(problem(file, at, child(key), message));
  }

  static Problem problem(String file, YamlNode node, String path, String message) {
    return new Problem(file, path, node.line(), node.column(), message);
  }

  void problemAt(YamlNode node, String path, String message) {
    problems.add(problem(file, node, path, message));
  }

  /** A string under {@code key}; a problem when missing. */
  Optional<String> requiredString(String key) {
    if (node(key).isEmpty()) {
      problem(key, "is required");
      return Optional.empty();
    }
    return string(key);
  }

  /** A string under {@code key}. Numbers are accepted as their text unless {@code strict}. */
  Optional<String> string(String key) {
    return node(key).flatMap(node -> scalarText(node, child(key), false));
  }

  /** A value that must be written as a YAML string: numbers and booleans must be quoted. */
  Optional<String> strictString(String key) {
    return node(key).flatMap(node -> scalarText(node, child(key), true));
  }

  Optional<String> scalarText(YamlNode node, String at, boolean strict) {
    if (node instanceof ScalarNode scalar) {
      if (scalar.type() == ScalarType.STRING) {
        return Optional.of(scalar.text());
      }
      if (!strict && (scalar.type() == ScalarType.INT || scalar.type() == ScalarType.FLOAT)) {
        return Optional.of(scalar.text());
      }
      if (strict && scalar.type() != ScalarType.NULL) {
        problemAt(
            node,
            at,
            "must be a string, found "
                + YamlNode.describe(node)
                + "; quote it, e.g. \"...\" (YAML reads unquoted numbers and yes/no/true/false as other types)");
        return Optional.empty();
      }
    }
    problemAt(node, at, "must be a string, found " + YamlNode.describe(node));
    return Optional.empty();
  }

  boolean bool(String key, boolean fallback) {
    return optionalBool(key).orElse(fallback);
  }

  Optional<Boolean> optionalBool(String key) {
    Optional<YamlNode> node = node(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get() instanceof ScalarNode scalar && scalar.type() == ScalarType.BOOL) {
      return Optional.of(Boolean.parseBoolean(scalar.text()));
    }
    problem(key, "must be true or false, found " + YamlNode.describe(node.get()));
    return Optional.empty();
  }

  Optional<Integer> integer(String key, int min) {
    Optional<YamlNode> node = node(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get() instanceof ScalarNode scalar && scalar.type() == ScalarType.INT) {
      try {
        int value = Integer.parseInt(scalar.text());
        if (value >= min) {
          return Optional.of(value);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problem(key, "must be a whole number of at least " + min);
    return Optional.empty();
  }

  Optional<Duration> duration(String key) {
    return string(key).flatMap(text -> parse(key, text, Durations::parse));
  }

  /** Parses with {@code parser}, turning its IllegalArgumentException into a problem. */
  <T> Optional<T> parse(String key, String text, Function<String, T> parser) {
    try {
      return Optional.of(parser.apply(text));
    } catch (IllegalArgumentException e) {
      problem(key, e.getMessage());
      return Optional.empty();
    }
  }

  /** The items of a list under {@code key}, each with its YAML path; empty when absent. */
  List<Item> list(String key) {
    Optional<YamlNode> node = node(key);
    if (node.isEmpty()) {
      return List.of();
    }
    if (node.get() instanceof ScalarNode scalar && scalar.type() == ScalarType.NULL) {
      return List.of();
    }
    if (!(node.get() instanceof SeqNode seq)) {
      problem(key, "must be a list, found " + YamlNode.describe(node.get()));
      return List.of();
    }
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < seq.items().size(); i++) {
      items.add(new Item(seq.items().get(i), child(key) + "[" + i + "]"));
    }
    return items;
  }

  /** A list of strings (numbers accepted as their text). */
  List<String> stringList(String key) {
    List<String> out = new ArrayList<>();
    for (Item item : list(key)) {
      scalarText(item.node(), item.path(), false).ifPresent(out::add);
    }
    return out;
  }

  /** A mapping of string keys to string values, in document order. */
  Map<String, String> stringMap(String key, boolean strictValues) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<YamlNode> node = node(key);
    if (node.isEmpty()
        || node.get() instanceof ScalarNode scalar && scalar.type() == ScalarType.NULL) {
      return out;
    }
    if (!(node.get() instanceof MapNode map)) {
      problem(key, "must be a mapping of names to values, found " + YamlNode.describe(node.get()));
      return out;
    }
    for (Entry entry : map.entries().values()) {
      String at = child(key) + "." + entry.key();
      scalarText(entry.value(), at, strictValues).ifPresent(value -> out.put(entry.key(), value));
    }
    return out;
  }

  /** The entries of a mapping under {@code key} (for per-key checks). */
  List<Entry> entries(String key) {
    return node(key)
        .filter(MapNode.class::isInstance)
        .map(node -> List.copyOf(((MapNode) node).entries().values()))
        .orElse(List.of());
  }

  /** A list item and its YAML path. */
  record Item(YamlNode node, String path) {}
}
