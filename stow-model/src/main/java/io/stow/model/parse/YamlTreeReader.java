package io.stow.model.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.stow.model.parse.YamlNode.Entry;
import io.stow.model.parse.YamlNode.MapNode;
import io.stow.model.parse.YamlNode.ScalarNode;
import io.stow.model.parse.YamlNode.ScalarType;
import io.stow.model.parse.YamlNode.SeqNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads one YAML document into {@link YamlNode}s that remember their positions.
 *
 * <p>Aliases are expanded here, with a bound on the total number of nodes they add, so an alias
 * bomb fails fast instead of exhausting memory. Merge keys ({@code <<: *base}) are supported.
 * Duplicate keys are errors.
 */
final class YamlTreeReader {

  /** The most nodes a document may hold after alias expansion. */
  static final long MAX_NODES = 100_000;

  /** The deepest nesting a descriptor may use. */
  static final int MAX_DEPTH = 64;

  private static final YAMLFactory FACTORY = newFactory();

  private final String file;
  private final List<Problem> problems;
  private final Map<String, YamlNode> anchors = new HashMap<>();
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
    try (YAMLParser parser = (YAMLParser) FACTORY.createParser(content)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(new Problem(file, "", 1, 1, "the file is empty; see examples/ for a start"));
        return null;
      }
      YamlNode root = reader.node(parser, first, 0);
      if (parser.nextToken() != null) {
        reader.fail(parser.currentTokenLocation(), "only one YAML document is allowed");
      }
      return root;
    } catch (TreeLimitException e) {
      return null;
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      String message = e.getOriginalMessage();
      problems.add(
          new Problem(
              file,
              "",
              where == null ? 0 : where.getLineNr(),
              where == null ? 0 : where.getColumnNr(),
              "not valid YAML: " + summary(message)));
      return null;
    } catch (IOException e) {
      problems.add(new Problem(file, "", 0, 0, "cannot read: " + e.getMessage()));
      return null;
    }
  }

  private YamlNode node(YAMLParser parser, JsonToken token, int depth) throws IOException {
    JsonLocation where = parser.currentTokenLocation();
    if (depth > MAX_DEPTH) {
      throw fail(where, "nesting is deeper than " + MAX_DEPTH + " levels");
    }
    String anchor = parser.getObjectId() == null ? null : parser.getObjectId().toString();
    YamlNode node;
    if (parser.isCurrentAlias()) {
      node = alias(parser.getText(), where);
    } else if (token == JsonToken.START_OBJECT) {
      node = map(parser, where, depth);
    } else if (token == JsonToken.START_ARRAY) {
      node = seq(parser, where, depth);
    } else {
      node = scalar(parser, token, where);
    }
    count(1, where);
    if (anchor != null) {
      anchors.put(anchor, node);
    }
    return node;
  }

  private YamlNode alias(String name, JsonLocation where) {
    YamlNode target = anchors.get(name);
    if (target == null) {
      throw fail(where, "alias *" + name + " refers to no anchor defined before it");
    }
    count(target.weight(), where);
    return target;
  }

  private MapNode map(YAMLParser parser, JsonLocation start, int depth) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    List<MapNode> merges = new ArrayList<>();
    long weight = 1;
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      JsonLocation keyAt = parser.currentTokenLocation();
      YamlNode value = node(parser, parser.nextToken(), depth + 1);
      weight += value.weight();
      if (key.equals("<<")) {
        merges.addAll(mergeSources(value, keyAt));
        continue;
      }
      Entry previous =
          entries.put(key, new Entry(key, keyAt.getLineNr(), keyAt.getColumnNr(), value));
      if (previous != null) {
        problems.add(
            new Problem(
                file,
                "",
                keyAt.getLineNr(),
                keyAt.getColumnNr(),
                "duplicate key '" + key + "' (first at line " + previous.line() + ")"));
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw fail(parser.currentTokenLocation(), "unexpected " + token + " in a mapping");
    }
    for (MapNode merged : merges) {
      merged.entries().forEach(entries::putIfAbsent);
    }
    return new MapNode(entries, start.getLineNr(), start.getColumnNr(), weight);
  }

  private List<MapNode> mergeSources(YamlNode value, JsonLocation where) {
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

  private SeqNode seq(YAMLParser parser, JsonLocation start, int depth) throws IOException {
    List<YamlNode> items = new ArrayList<>();
    long weight = 1;
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      if (token == null) {
        throw fail(start, "unterminated list");
      }
      YamlNode item = node(parser, token, depth + 1);
      weight += item.weight();
      items.add(item);
    }
    return new SeqNode(items, start.getLineNr(), start.getColumnNr(), weight);
  }

  private static ScalarNode scalar(YAMLParser parser, JsonToken token, JsonLocation where)
      throws IOException {
    ScalarType type =
        switch (token) {
          case VALUE_STRING -> ScalarType.STRING;
          case VALUE_NUMBER_INT -> ScalarType.INT;
          case VALUE_NUMBER_FLOAT -> ScalarType.FLOAT;
          case VALUE_TRUE, VALUE_FALSE -> ScalarType.BOOL;
          case VALUE_NULL -> ScalarType.NULL;
          default -> throw new JsonParseException(parser, "unexpected token " + token);
        };
    // booleans are kept as true/false whatever spelling (yes, on, ...) the file used
    String text =
        type == ScalarType.BOOL ? String.valueOf(token == JsonToken.VALUE_TRUE) : parser.getText();
    return new ScalarNode(text, type, where.getLineNr(), where.getColumnNr());
  }

  private void count(long nodes, JsonLocation where) {
    totalNodes += nodes;
    if (totalNodes > MAX_NODES) {
      throw fail(
          where,
          "the document expands to more than "
              + MAX_NODES
              + " nodes (an alias bomb?); remove the repeated aliases");
    }
  }

  private TreeLimitException fail(JsonLocation where, String message) {
    problems.add(new Problem(file, "", where.getLineNr(), where.getColumnNr(), message));
    return new TreeLimitException();
  }

  /**
   * The parser's explanation without its position and snippet lines: the problem carries the
   * position, and a snippet could show a value that must stay private.
   */
  private static String summary(String message) {
    if (message == null) {
      return "syntax error";
    }
    // the headline lines start at column 0; positions, snippets and carets are indented
    List<String> kept = new ArrayList<>();
    for (String line : message.split("\n")) {
      if (!line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.startsWith("at [")) {
        kept.add(line.strip());
      }
    }
    return kept.isEmpty() ? "syntax error" : String.join("; ", kept);
  }

  private static YAMLFactory newFactory() {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(DescriptorParser.MAX_BYTES);
    options.setAllowDuplicateKeys(true); // reported by this reader, with both positions
    options.setNestingDepthLimit(MAX_DEPTH + 10);
    return YAMLFactory.builder().loaderOptions(options).build();
  }

  /** Unwinds the reader once a problem that stops reading has been recorded. */
  private static final class TreeLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TreeLimitException() {
      super(null, null, false, false);
    }
  }
}
