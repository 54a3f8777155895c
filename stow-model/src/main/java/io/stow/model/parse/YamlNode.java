package io.stow.model.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML node with the line and column where it starts, as the descriptor binder needs it. */
sealed interface YamlNode permits YamlNode.MapNode, YamlNode.SeqNode, YamlNode.ScalarNode {

  int line();

  int column();

  /** Number of nodes in this subtree; bounds alias expansion. */
  long weight();

  /** A mapping; entries keep document order. */
  record MapNode(Map<String, Entry> entries, int line, int column, long weight)
      implements YamlNode {
    public MapNode {
      entries = new LinkedHashMap<>(entries);
    }
  }

  /** A mapping entry: the key's position and the value. */
  record Entry(String key, int line, int column, YamlNode value) {}

  /** A sequence. */
  record SeqNode(List<YamlNode> items, int line, int column, long weight) implements YamlNode {
    public SeqNode {
      items = List.copyOf(items);
    }
  }

  /** The YAML 1.2 core-schema type a scalar resolves to (quoted scalars are strings). */
  enum ScalarType {
    STRING,
    INT,
    FLOAT,
    BOOL,
    NULL
  }

  /**
   * A scalar with its text as written (for quoted scalars, the string value), or as interpolated
   * from a Compose project's variables; {@code substituted} holds the variable values put into the
   * text, which may be secrets: problems about this node never show them.
   */
  record ScalarNode(
      String text, ScalarType type, boolean plain, int line, int column, List<String> substituted)
      implements YamlNode {

    public ScalarNode {
      substituted = List.copyOf(substituted);
    }

    public ScalarNode(String text, ScalarType type, boolean plain, int line, int column) {
      this(text, type, plain, line, column, List.of());
    }

    @Override
    public long weight() {
      return 1;
    }

    /** Whether a variable's value was put into the text. */
    boolean interpolated() {
      return !substituted.isEmpty();
    }

    /** Position and type only: the text may be a secret. */
    @Override
    public String toString() {
      return "ScalarNode[" + type + " at " + line + ":" + column + "]";
    }
  }

  /** What the user would call this node's type, for error messages; never shows the value. */
  static String describe(YamlNode node) {
    if (node instanceof MapNode) {
      return "a mapping";
    }
    if (node instanceof SeqNode) {
      return "a list";
    }
    ScalarNode scalar = (ScalarNode) node;
    return switch (scalar.type()) {
      case STRING -> "a string";
      case INT, FLOAT -> "a number";
      case BOOL -> "a boolean";
      case NULL -> "empty";
    };
  }
}
