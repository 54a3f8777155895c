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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Typed access to a YAML mapping that records a {@link Problem} (with the YAML path and position)
 * for every wrong key or value instead of stopping at the first one. Getters return empty or a
 * default after recording a problem, so binding goes on and reports everything at once.
 *
 * <p>String values are taken as written, whatever type YAML would give the scalar ({@code no},
 * {@code 8080}, {@code 0x1F}); a null scalar ({@code ~}, {@code null}, nothing) leaves an optional
 * field unset. Only {@code true} and {@code false} (any capitalisation YAML 1.2 allows) are
 * booleans.
 */
final class Binding {

  /** What an unknown key in a mapping is. */
  enum Unknown {
    /** An error: the original tool refuses it too. */
    ERROR,
    /** A warning: the original tool ignores it. */
    WARNING,
    /**
     * In a Compose file: {@code x-*} extension keys are allowed, any other key is an error that
     * says whether it is a Compose key stow does not support (and why) or not a Compose key.
     */
    COMPOSE
  }

  private final Findings findings;
  private final MapNode map;
  private final String path;

  private Binding(Findings findings, MapNode map, String path) {
    this.findings = findings;
    this.map = map;
    this.path = path;
  }

  /** Binds a mapping node; reports any key outside {@code known}. Empty if it is not a mapping. */
  static Optional<Binding> of(
      Findings findings, YamlNode node, String path, Set<String> known, Unknown unknown) {
    if (!(node instanceof MapNode map)) {
      findings.errors.add(
          problem(
              findings.file, node, path, "must be a mapping, found " + YamlNode.describe(node)));
      return Optional.empty();
    }
    Binding binding = new Binding(findings, map, path);
    for (Entry entry : map.entries().values()) {
      if (known.contains(entry.key())) {
        continue;
      }
      if (unknown == Unknown.COMPOSE) {
        binding.composeKey(entry, known);
      } else {
        binding.unknownKey(entry, known, unknown);
      }
    }
    return Optional.of(binding);
  }

  private void composeKey(Entry entry, Set<String> known) {
    if (entry.key().startsWith("x-")) {
      return; // an extension field: Compose ignores it, so does stow
    }
    String message =
        ComposeKeys.unsupported(entry.key())
            .map(why -> "'" + entry.key() + "' is not supported by stow: " + why)
            .orElseGet(
                () ->
                    "unknown key '"
                        + entry.key()
                        + "'; "
                        + KeyHints.closest(entry.key(), known)
                            .map(k -> "did you mean '" + k + "'? ")
                            .orElse("")
                        + "allowed here: "
                        + String.join(", ", new TreeSet<>(known))
                        + " (and x-* extensions)");
    findings.errors.add(
        new Problem(
            findings.file,
            child(entry.key()),
            entry.line(),
            entry.column(),
            message + "; see docs/compose.md"));
  }

  private void unknownKey(Entry entry, Set<String> known, Unknown unknown) {
    String hint =
        KeyHints.closest(entry.key(), known).map(k -> "did you mean '" + k + "'? ").orElse("");
    String message =
        unknown == Unknown.ERROR
            ? "unknown key '"
                + entry.key()
                + "'; "
                + hint
                + "allowed here: "
                + String.join(", ", new TreeSet<>(known))
            : "unknown key '"
                + entry.key()
                + "' is ignored; "
                + (hint.isEmpty()
                    ? "allowed here: " + String.join(", ", new TreeSet<>(known))
                    : hint.strip());
    Problem problem =
        new Problem(findings.file, child(entry.key()), entry.line(), entry.column(), message);
    (unknown == Unknown.ERROR ? findings.errors : findings.warnings).add(problem);
  }

  /** A nested mapping under {@code key}, with its own allowed keys. */
  Optional<Binding> nested(String key, Set<String> known, Unknown unknown) {
    return node(key).flatMap(node -> of(findings, node, child(key), known, unknown));
  }

  String path() {
    return path;
  }

  Findings findings() {
    return findings;
  }

  String child(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  Optional<YamlNode> node(String key) {
    Entry entry = map.entries().get(key);
    return entry == null ? Optional.empty() : Optional.of(entry.value());
  }

  /** Whether the key is present with a value that is not null. */
  boolean has(String key) {
    return node(key).filter(n -> !isNull(n)).isPresent();
  }

  /** Records a problem about the whole mapping. */
  void problem(String message) {
    findings.errors.add(new Problem(findings.file, path, map.line(), map.column(), message));
  }

  /** Records a problem about the value under {@code key}. */
  void problem(String key, String message) {
    YamlNode at = node(key).orElse(map);
    findings.errors.add(problem(findings.file, at, child(key), message));
  }

  /** Records a warning about the value under {@code key}. */
  void warn(String key, String message) {
    YamlNode at = node(key).orElse(map);
    findings.warnings.add(problem(findings.file, at, child(key), message));
  }

  /** Records a warning at {@code node}. */
  void warnAt(YamlNode node, String path, String message) {
    findings.warnings.add(problem(findings.file, node, path, message));
  }

  /** The mapping itself. */
  MapNode map() {
    return map;
  }

  /**
   * A problem at {@code node}. When the node's text was made by interpolation its message keeps no
   * quoted text and none of the values put in, which may be secrets.
   */
  static Problem problem(String file, YamlNode node, String path, String message) {
    String text = message;
    if (node instanceof ScalarNode scalar && scalar.interpolated()) {
      text =
          Redaction.withoutQuotes(Redaction.mask(message, scalar.substituted()))
              + " (the value comes from interpolation and is not shown)";
    }
    return new Problem(file, path, node.line(), node.column(), text);
  }

  void problemAt(YamlNode node, String path, String message) {
    findings.errors.add(problem(findings.file, node, path, message));
  }

  /** A string under {@code key}; a problem when missing, null or empty. */
  Optional<String> requiredString(String key) {
    Optional<YamlNode> node = node(key);
    if (node.isEmpty()
        || node.get() instanceof ScalarNode scalar
            && scalar.type() == ScalarType.NULL
            && scalar.text().isEmpty()) {
      problem(key, "is required");
      return Optional.empty();
    }
    return scalarText(node.get(), child(key));
  }

  /** A string under {@code key}, as written; empty when absent or null. */
  Optional<String> string(String key) {
    return node(key).filter(n -> !isNull(n)).flatMap(node -> scalarText(node, child(key)));
  }

  /** The text of a scalar as written; a problem for a mapping or a list. */
  Optional<String> scalarText(YamlNode node, String at) {
    if (node instanceof ScalarNode scalar) {
      return Optional.of(scalar.text());
    }
    problemAt(node, at, "must be a single value, found " + YamlNode.describe(node));
    return Optional.empty();
  }

  static boolean isNull(YamlNode node) {
    return node instanceof ScalarNode scalar && scalar.type() == ScalarType.NULL;
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
      return Optional.of(scalar.text().toLowerCase(Locale.ROOT).equals("true"));
    }
    problem(key, "must be true or false (unquoted), found " + YamlNode.describe(node.get()));
    return Optional.empty();
  }

  Optional<Integer> integer(String key, int min) {
    Optional<YamlNode> node = node(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (node.get() instanceof ScalarNode scalar
        && (scalar.type() == ScalarType.INT || scalar.type() == ScalarType.STRING)
        && scalar.text().matches("[-+]?[0-9]{1,9}")) {
      int value = Integer.parseInt(scalar.text());
      if (value >= min) {
        return Optional.of(value);
      }
    }
    problem(key, "must be a whole number of at least " + min);
    return Optional.empty();
  }

  Optional<Duration> duration(String key) {
    return string(key).flatMap(text -> parse(key, text.strip(), Durations::parse));
  }

  /** A duration as Compose writes it (Go's form, e.g. {@code 1m30s}, {@code 1.5s}). */
  Optional<Duration> goDuration(String key) {
    return string(key).flatMap(text -> parse(key, text.strip(), Durations::parseGo));
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

  /**
   * Parses a list item with {@code parser}, turning its IllegalArgumentException into a problem.
   */
  <T> Optional<T> parseItem(Item item, String text, Function<String, T> parser) {
    try {
      return Optional.of(parser.apply(text));
    } catch (IllegalArgumentException e) {
      problemAt(item.node(), item.path(), e.getMessage());
      return Optional.empty();
    }
  }

  /** The items of a list under {@code key}, each with its YAML path; empty when absent. */
  List<Item> list(String key) {
    Optional<YamlNode> node = node(key);
    if (node.isEmpty() || isNull(node.get())) {
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

  /** The text of each item of a list, as written. */
  List<String> stringList(String key) {
    List<String> out = new ArrayList<>();
    for (Item item : list(key)) {
      scalarText(item.node(), item.path()).ifPresent(out::add);
    }
    return out;
  }

  /**
   * The items of a list as (trimmed text, item) pairs, blank items dropped as the original does.
   */
  List<Text> trimmedList(String key) {
    List<Text> out = new ArrayList<>();
    for (Item item : list(key)) {
      scalarText(item.node(), item.path())
          .map(String::strip)
          .filter(text -> !text.isEmpty())
          .ifPresent(text -> out.add(new Text(text, item)));
    }
    return out;
  }

  /** A mapping of string keys to string values as written, in document order. */
  Map<String, String> stringMap(String key) {
    Map<String, String> out = new LinkedHashMap<>();
    Optional<YamlNode> node = node(key);
    if (node.isEmpty() || isNull(node.get())) {
      return out;
    }
    if (!(node.get() instanceof MapNode map)) {
      problem(key, "must be a mapping of names to values, found " + YamlNode.describe(node.get()));
      return out;
    }
    for (Entry entry : map.entries().values()) {
      String at = child(key) + "." + entry.key();
      scalarText(entry.value(), at).ifPresent(value -> out.put(entry.key(), value));
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

  /** A list item's text and where it is. */
  record Text(String text, Item item) {}
}
