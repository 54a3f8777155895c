package io.stow.sops;

import java.util.List;
import java.util.Objects;

/**
 * One node of a SOPS document tree, as every store reads and writes it: ordered mappings whose
 * entries are fields or comments, sequences, scalars and comments.
 */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.Scalar, Node.Comment {

  /** An entry of a mapping: a field or a comment line between fields. */
  sealed interface Entry permits Field, Comment {}

  /** An ordered mapping; comments keep their position among the fields. */
  record MapNode(List<Entry> entries) implements Node {
    public MapNode {
      entries = List.copyOf(entries);
    }

    /** The value of the first field named {@code key}, or null. */
    Node get(String key) {
      for (Entry entry : entries) {
        if (entry instanceof Field field && field.key().equals(key)) {
          return field.value();
        }
      }
      return null;
    }

    /** This mapping without the fields named {@code key}. */
    MapNode without(String key) {
      return new MapNode(
          entries.stream()
              .filter(e -> !(e instanceof Field field && field.key().equals(key)))
              .toList());
    }
  }

  /** A mapping field. */
  record Field(String key, Node value) implements Entry {
    public Field {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /** A sequence; it may hold comments between its items. */
  record ListNode(List<Node> items) implements Node {
    public ListNode {
      items = List.copyOf(items);
    }
  }

  /**
   * A leaf value: {@link String}, {@link Long}, {@link java.math.BigInteger}, {@link Double},
   * {@link Boolean}, {@code byte[]}, {@link java.time.OffsetDateTime} or null.
   */
  record Scalar(Object value) implements Node {
    static final Scalar NULL = new Scalar(null);

    static Scalar of(Object value) {
      return value == null ? NULL : new Scalar(value);
    }

    @Override
    public String toString() {
      // never print a value: it may be a decrypted secret
      return "Scalar[" + (value == null ? "null" : value.getClass().getSimpleName()) + "]";
    }
  }

  /** A comment line without its leading marker ({@code #} or {@code ;}). */
  record Comment(String text) implements Node, Entry {
    public Comment {
      Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
      return "Comment[...]";
    }
  }
}
