package io.stow.sops;

import java.io.Reader;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.comments.CommentType;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.CommentEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads YAML 1.2 (core schema: {@code yes} stays a string) into documents, keeping comments where
 * sops keeps them: a comment belongs to the innermost mapping or sequence its column lies in, a
 * comment on the line of a value moves before that value's key, and a comment between a key and its
 * nested block opens that block.
 */
final class YamlReader {

  /** Bounds the tree an alias-heavy file can expand to. */
  private static final long MAX_EXPANDED_NODES = 2_000_000;

  private static final ScalarResolver RESOLVER = new CoreScalarResolver(false);

  private final SopsLimits limits;
  private final Deque<Container> stack = new ArrayDeque<>();
  private final Map<String, Sized> anchors = new HashMap<>();
  private final List<Node.Comment> beforeNextNode = new ArrayList<>();
  private final List<Deferred> deferred = new ArrayList<>();
  private long expandedNodes;

  private YamlReader(SopsLimits limits) {
    this.limits = limits;
  }

  /** Parses every document of the stream. */
  static List<Node.MapNode> read(byte[] content, SopsLimits limits) {
    String text = new String(content, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return read(new StringReader(text), text.length(), limits);
  }

  /** Parses every document of {@code source}, which holds {@code length} characters. */
  static List<Node.MapNode> read(Reader source, int length, SopsLimits limits) {
    LoadSettings settings =
        LoadSettings.builder()
            .setParseComments(true)
            .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()))
            // snakeyaml's StreamReader copies its unread window on every refill, so a scalar
            // longer than the buffer (a megabyte-sized encrypted value) made parsing quadratic;
            // a buffer holding the whole text fills the window once
            .setBufferSize(Math.max(1024, length + 1))
            .build();
    try {
      return new YamlReader(limits)
          .documents(new ParserImpl(settings, new StreamReader(settings, source)));
    } catch (MarkedYamlEngineException e) {
      throw new StoreException(
          "YAML syntax error"
              + where(e.getProblemMark())
              + ": "
              + YamlProblem.describe(e.getProblem()));
    } catch (YamlEngineException e) {
      throw new StoreException("YAML error: " + YamlProblem.describe(e.getMessage()));
    } catch (IllegalArgumentException | IllegalStateException e) {
      // snakeyaml-engine refuses some malformed tags and anchors with these instead of its own
      throw new StoreException("YAML error: " + YamlProblem.describe(e.getMessage()));
    }
  }

  private List<Node.MapNode> documents(Iterator<Event> events) {
    List<Node.MapNode> documents = new ArrayList<>();
    List<Node.Comment> leading = new ArrayList<>();
    Node root = null;
    while (events.hasNext()) {
      Event event = events.next();
      switch (event.getEventId()) {
        case DocumentStart:
          stack.clear();
          anchors.clear();
          root = null;
          break;
        case DocumentEnd:
          documents.add(document(root, leading));
          leading = new ArrayList<>();
          break;
        case Comment:
          if (stack.isEmpty()) {
            CommentEvent comment = (CommentEvent) event;
            if (comment.getCommentType() != CommentType.BLANK_LINE) {
              leading.add(new Node.Comment(comment.getValue()));
            }
          } else {
            comment((CommentEvent) event);
          }
          break;
        case StreamStart:
        case StreamEnd:
          break;
        default:
          Node node = node(event);
          if (node != null) {
            root = node;
          }
      }
    }
    return documents;
  }

  private Node.MapNode document(Node root, List<Node.Comment> leading) {
    if (root == null || (root instanceof Node.Scalar s && s.value() == null)) {
      return new Node.MapNode(new ArrayList<>(leading));
    }
    if (!(root instanceof Node.MapNode map)) {
      throw new StoreException("YAML documents that are not mappings are not supported by sops");
    }
    List<Node.Entry> entries = new ArrayList<>(leading);
    entries.addAll(map.entries());
    return new Node.MapNode(entries);
  }

  /** Consumes the events of one node (which may start a nested block); returns it when done. */
  private Node node(Event event) {
    boolean closing =
        event.getEventId() == Event.ID.MappingEnd || event.getEventId() == Event.ID.SequenceEnd;
    if (!closing) {
      // content follows in the innermost block: comments held for an outer block stay here
      deferred.forEach(d -> stack.peek().entries.add(d.comment));
      deferred.clear();
    }
    if (event instanceof CollectionStartEvent start) {
      if (stack.size() >= limits.maxDepth()) {
        throw new StoreException(
            "nesting deeper than " + limits.maxDepth() + " levels" + where(event.getStartMark()));
      }
      Container container =
          new Container(
              start instanceof MappingStartEvent,
              column(event),
              start.getAnchor().map(Anchor::getValue).orElse(null));
      container.entries.addAll(beforeNextNode);
      beforeNextNode.clear();
      stack.push(container);
      return null;
    }
    Sized value;
    String anchor = null;
    switch (event.getEventId()) {
      case Scalar:
        value = new Sized(scalar((ScalarEvent) event), 1);
        anchor = ((NodeEvent) event).getAnchor().map(Anchor::getValue).orElse(null);
        break;
      case Alias:
        String name = ((AliasEvent) event).getAlias().getValue();
        value = anchors.get(name);
        if (value == null) {
          // an alias name is text of the file: the position says which one
          throw new StoreException("unknown YAML alias" + where(event.getStartMark()));
        }
        break;
      case MappingEnd:
      case SequenceEnd:
        Container done = stack.pop();
        value = done.build();
        anchor = done.anchor;
        break;
      default:
        throw new StoreException("unexpected YAML event " + event.getEventId());
    }
    expandedNodes += value.size;
    if (expandedNodes > MAX_EXPANDED_NODES) {
      throw new StoreException("the YAML expands to more than " + MAX_EXPANDED_NODES + " nodes");
    }
    if (anchor != null) {
      anchors.put(anchor, value);
    }
    if (stack.isEmpty()) {
      return value.node;
    }
    Container parent = stack.peek();
    if (!beforeNextNode.isEmpty()) {
      beforeNextNode.forEach(parent::addBeforeLast);
      beforeNextNode.clear();
    }
    parent.add(value);
    if (closing) {
      deferred.removeIf(
          d -> {
            if (d.stackSize < stack.size()) {
              return false;
            }
            parent.entries.add(d.comment);
            return true;
          });
    }
    return null;
  }

  private void comment(CommentEvent event) {
    if (event.getCommentType() == CommentType.BLANK_LINE) {
      return;
    }
    Node.Comment comment = new Node.Comment(event.getValue());
    Container top = stack.peek();
    if (event.getCommentType() == CommentType.IN_LINE) {
      top.addBeforeLast(comment);
      return;
    }
    if (top.awaitingValue()) {
      beforeNextNode.add(comment);
      return;
    }
    int column = column(event);
    int depth = 0;
    for (Container c : stack) { // innermost first
      if (c.column <= column) {
        break;
      }
      depth++;
    }
    if (depth == 0 || depth >= stack.size()) {
      top.entries.add(comment);
    } else {
      deferred.add(new Deferred(stack.size() - depth, comment));
    }
  }

  private Node scalar(ScalarEvent event) {
    String value = event.getValue();
    Optional<String> tag = event.getTag();
    Tag resolved;
    if (tag.isPresent() && !tag.get().equals("!")) {
      resolved = new Tag(tag.get());
    } else if (event.isPlain()) {
      resolved = RESOLVER.resolve(value, true);
    } else {
      resolved = Tag.STR;
    }
    try {
      if (resolved.equals(Tag.NULL)) {
        return Node.Scalar.NULL;
      }
      if (resolved.equals(Tag.BOOL)) {
        return Node.Scalar.of(Boolean.parseBoolean(value.toLowerCase(Locale.ROOT)));
      }
      if (resolved.equals(Tag.INT)) {
        return Node.Scalar.of(integer(value));
      }
      if (resolved.equals(Tag.FLOAT)) {
        return Node.Scalar.of(decimal(value));
      }
    } catch (NumberFormatException e) {
      throw new StoreException("malformed number" + where(event.getStartMark()));
    }
    return Node.Scalar.of(value);
  }

  private static Object integer(String text) {
    String t = text.replace("_", "");
    boolean negative = t.startsWith("-");
    if (t.startsWith("-") || t.startsWith("+")) {
      t = t.substring(1);
    }
    BigInteger value;
    if (t.startsWith("0x")) {
      value = new BigInteger(t.substring(2), 16);
    } else if (t.startsWith("0o")) {
      value = new BigInteger(t.substring(2), 8);
    } else {
      value = new BigInteger(t);
    }
    value = negative ? value.negate() : value;
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
  }

  private static Double decimal(String text) {
    String t = text.toLowerCase(Locale.ROOT);
    if (t.endsWith(".nan")) {
      return Double.NaN;
    }
    if (t.endsWith(".inf")) {
      return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.parseDouble(t.replace("_", ""));
  }

  private static int column(Event event) {
    return event.getStartMark().map(Mark::getColumn).orElse(0);
  }

  private static String where(Optional<Mark> mark) {
    return mark.map(m -> " at line " + (m.getLine() + 1) + ", column " + (m.getColumn() + 1))
        .orElse("");
  }

  /** A node with the number of nodes it expands to, aliases included. */
  private record Sized(Node node, long size) {}

  private record Deferred(int stackSize, Node.Comment comment) {}

  /** An open mapping or sequence. */
  private static final class Container {
    final boolean mapping;
    final int column;
    final String anchor;
    final List<Object> entries = new ArrayList<>(); // Node.Comment, or a key then its value
    String pendingKey;
    long size = 1;

    Container(boolean mapping, int column, String anchor) {
      this.mapping = mapping;
      this.column = column;
      this.anchor = anchor;
    }

    boolean awaitingValue() {
      return pendingKey != null;
    }

    void add(Sized value) {
      size += value.size;
      if (!mapping) {
        entries.add(value.node);
        return;
      }
      if (pendingKey == null) {
        if (!(value.node instanceof Node.Scalar key)) {
          throw new StoreException("complex YAML mapping keys are not supported by sops");
        }
        pendingKey = key.value() == null ? "null" : GoFormat.text(key.value());
        return;
      }
      entries.add(new Node.Field(pendingKey, value.node));
      pendingKey = null;
    }

    /** A comment on the line of the last value goes before it (before its key in a mapping). */
    void addBeforeLast(Node.Comment comment) {
      if (pendingKey != null || entries.isEmpty()) {
        entries.add(comment);
      } else {
        entries.add(entries.size() - 1, comment);
      }
    }

    Sized build() {
      if (mapping) {
        List<Node.Entry> fields = new ArrayList<>();
        entries.forEach(e -> fields.add((Node.Entry) e));
        return new Sized(new Node.MapNode(fields), size);
      }
      List<Node> items = new ArrayList<>();
      entries.forEach(e -> items.add((Node) e));
      return new Sized(new Node.ListNode(items), size);
    }
  }
}
