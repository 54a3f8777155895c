package io.stow.model.parse;

import io.stow.model.parse.YamlNode.Entry;
import io.stow.model.parse.YamlNode.MapNode;
import io.stow.model.parse.YamlNode.ScalarNode;
import io.stow.model.parse.YamlNode.ScalarType;
import io.stow.model.parse.YamlNode.SeqNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Reads one YAML 1.2 document into {@link YamlNode}s that remember their positions, from
 * snakeyaml-engine's event stream (so nesting is bounded here, not by the parser's stack).
 *
 * <p>Plain scalars resolve by the YAML 1.2 core schema, as the original tool's parser reads them:
 * only {@code true}/{@code false} (and their capitalised spellings) are booleans, {@code yes},
 * {@code no} and {@code on} are strings. Aliases are expanded here, with a bound on the total
 * number of nodes they add, so an alias bomb fails fast instead of exhausting memory. Merge keys
 * ({@code <<: *base}) are supported. Duplicate keys are errors. Parser messages never quote the
 * document.
 */
final class YamlTreeReader {

  /** The most nodes a document may hold after alias expansion. */
  static final long MAX_NODES = 100_000;

  /** The deepest nesting a descriptor may use. */
  static final int MAX_DEPTH = 64;

  private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
  private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
  private static final Pattern FLOAT =
      Pattern.compile(
          "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)"
              + "|\\.nan|\\.NaN|\\.NAN");
  private static final Pattern QUOTED = Pattern.compile("'[^']{2,}'|\"[^\"]{2,}\"");

  private final String file;
  private final List<Problem> problems;
  private final Map<String, YamlNode> anchors = new HashMap<>();
  private Iterator<Event> events;
  private long totalNodes;

  private YamlTreeReader(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  /**
   * Reads the document; returns null (with problems added) when it is not well-formed YAML or
   * breaks a bound.
   */
  static YamlNode read(String file, String content, List<Problem> problems) {
    YamlTreeReader reader = new YamlTreeReader(file, problems);
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setCodePointLimit(DescriptorParser.MAX_BYTES + 1)
            .setAllowDuplicateKeys(true) // reported by this reader, with both positions
            .setMaxAliasesForCollections(Integer.MAX_VALUE) // bounded by MAX_NODES instead
            .build();
    try {
      reader.events = new Parse(settings).parseString(content).iterator();
      return reader.document();
    } catch (TreeLimitException e) {
      return null;
    } catch (MarkedYamlEngineException e) {
      Optional<Mark> where = e.getProblemMark().or(e::getContextMark);
      problems.add(
          new Problem(
              file,
              "",
              where.map(m -> m.getLine() + 1).orElse(0),
              where.map(m -> m.getColumn() + 1).orElse(0),
              "not valid YAML: " + summary(e.getContext(), e.getProblem())));
      return null;
    } catch (YamlEngineException | IllegalArgumentException | IllegalStateException e) {
      // snakeyaml-engine refuses some malformed tags and anchors with the plain JDK exceptions
      problems.add(new Problem(file, "", 0, 0, "not valid YAML: " + summary(null, e.getMessage())));
      return null;
    }
  }

  private YamlNode document() {
    next(); // stream start
    Event first = next();
    if (first.getEventId() == Event.ID.StreamEnd) {
      problems.add(new Problem(file, "", 1, 1, "the file is empty; see examples/ for a start"));
      return null;
    }
    YamlNode root = node(next(), 0);
    next(); // document end
    Event after = next();
    if (after.getEventId() != Event.ID.StreamEnd) {
      throw fail(after, "only one YAML document is allowed");
    }
    return root;
  }

  private Event next() {
    return events.next();
  }

  private YamlNode node(Event event, int depth) {
    if (depth > MAX_DEPTH) {
      throw fail(event, "nesting is deeper than " + MAX_DEPTH + " levels");
    }
    YamlNode node =
        switch (event.getEventId()) {
          case Alias -> alias((AliasEvent) event);
          case MappingStart -> map(event, depth);
          case SequenceStart -> seq(event, depth);
          case Scalar -> scalar((ScalarEvent) event);
          default -> throw fail(event, "unexpected " + event.getEventId());
        };
    count(1, event);
    if (event instanceof NodeEvent named && !(event instanceof AliasEvent)) {
      named.getAnchor().ifPresent(anchor -> anchors.put(anchor.getValue(), node));
    }
    return node;
  }

  private YamlNode alias(AliasEvent event) {
    String name = event.getAlias().getValue();
    YamlNode target = anchors.get(name);
    if (target == null) {
      // the name is not quoted: a file with secrets could hold one where an alias was read
      throw fail(event, "an alias (*) refers to no anchor (&) defined before it");
    }
    count(target.weight(), event);
    return target;
  }

  private MapNode map(Event start, int depth) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<MapNode> merges = new ArrayList<>();
    long weight = 1;
    Event event;
    while ((event = next()).getEventId() != Event.ID.MappingEnd) {
      YamlNode keyNode = node(event, depth + 1);
      if (!(keyNode instanceof ScalarNode keyScalar)) {
        throw fail(event, "a key must be a plain name, not " + YamlNode.describe(keyNode));
      }
      String key = keyScalar.text();
      YamlNode value = node(next(), depth + 1);
      weight += value.weight() + 1;
      if (key.equals("<<") && keyScalar.plain()) {
        merges.addAll(mergeSources(value, event));
        continue;
      }
      Entry previous =
          entries.put(key, new Entry(key, keyScalar.line(), keyScalar.column(), value));
      if (previous != null) {
        problems.add(
            new Problem(
                file,
                "",
                keyScalar.line(),
                keyScalar.column(),
                "duplicate key '" + key + "' (first at line " + previous.line() + ")"));
      }
    }
    for (MapNode merged : merges) {
      merged.entries().forEach(entries::putIfAbsent);
    }
    return new MapNode(entries, line(start), column(start), weight);
  }

  private List<MapNode> mergeSources(YamlNode value, Event where) {
    if (value instanceof MapNode map) {
      return List.of(map);
    }
    List<MapNode> sources = new ArrayList<>();
    if (value instanceof SeqNode seq) {
      for (YamlNode item : seq.items()) {
        if (!(item instanceof MapNode map)) {
          throw fail(where, "a merge key (<<) takes a mapping or a list of mappings");
        }
        sources.add(map);
      }
      return sources;
    }
    throw fail(where, "a merge key (<<) takes a mapping or a list of mappings");
  }

  private SeqNode seq(Event start, int depth) {
    List<YamlNode> items = new ArrayList<>();
    long weight = 1;
    Event event;
    while ((event = next()).getEventId() != Event.ID.SequenceEnd) {
      YamlNode item = node(event, depth + 1);
      weight += item.weight();
      items.add(item);
    }
    return new SeqNode(items, line(start), column(start), weight);
  }

  private static ScalarNode scalar(ScalarEvent event) {
    return new ScalarNode(
        event.getValue(), type(event), event.isPlain(), line(event), column(event));
  }

  /** The core-schema type: an explicit tag wins, quoted scalars are strings. */
  private static ScalarType type(ScalarEvent event) {
    Optional<String> tag = event.getTag().filter(t -> !t.equals("!"));
    String text = event.getValue();
    if (tag.isPresent()) {
      return switch (tag.get()) {
        case "tag:yaml.org,2002:null" -> ScalarType.NULL;
        case "tag:yaml.org,2002:bool" -> ScalarType.BOOL;
        case "tag:yaml.org,2002:int" -> ScalarType.INT;
        case "tag:yaml.org,2002:float" -> ScalarType.FLOAT;
        default -> ScalarType.STRING;
      };
    }
    if (!event.isPlain() || event.getTag().isPresent()) {
      return ScalarType.STRING;
    }
    return resolve(text);
  }

  /** The core-schema type of a plain scalar's text (also for text made by interpolation). */
  static ScalarType resolve(String text) {
    if (NULL.matcher(text).matches()) {
      return ScalarType.NULL;
    }
    if (BOOL.matcher(text).matches()) {
      return ScalarType.BOOL;
    }
    if (INT.matcher(text).matches()) {
      return ScalarType.INT;
    }
    return FLOAT.matcher(text).matches() ? ScalarType.FLOAT : ScalarType.STRING;
  }

  private void count(long nodes, Event where) {
    totalNodes += nodes;
    if (totalNodes > MAX_NODES) {
      throw fail(
          where,
          "the document expands to more than "
              + MAX_NODES
              + " nodes (an alias bomb?); remove the repeated aliases");
    }
  }

  private TreeLimitException fail(Event where, String message) {
    problems.add(new Problem(file, "", line(where), column(where), message));
    return new TreeLimitException();
  }

  private static int line(Event event) {
    return event.getStartMark().map(m -> m.getLine() + 1).orElse(0);
  }

  private static int column(Event event) {
    return event.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
  }

  /**
   * The parser's explanation without snippets or quoted text: the problem carries the position, and
   * a snippet or a quoted token could show a value that must stay private.
   */
  private static String summary(String context, String problem) {
    List<String> parts = new ArrayList<>();
    for (String part : new String[] {context, problem}) {
      if (part != null && !part.isBlank()) {
        String line = part.strip().split("\n", 2)[0];
        parts.add(QUOTED.matcher(line).replaceAll("'...'"));
      }
    }
    return parts.isEmpty() ? "syntax error" : String.join(": ", parts);
  }

  /** Unwinds the reader once a problem that stops reading has been recorded. */
  private static final class TreeLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TreeLimitException() {
      super(null, null, false, false);
    }
  }
}
