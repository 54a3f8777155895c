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

  /** A scalar with its text as written (for quoted scalars, the string value). */
  record ScalarNode(String text, ScalarType type, boolean plain, int line, int column)
      implements YamlNode {
    @Override
    public long weight() {
      return 1;
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
