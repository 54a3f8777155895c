package io.stow.model.edit;

import io.stow.model.parse.DescriptorException;
import io.stow.model.parse.Problem;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Edits one scalar of a YAML text in place, at the exact position the parser reports for it: every
 * other byte (comments, quoting, indentation, key order) stays as it was, and a quoted scalar stays
 * quoted in the same style. Shared by the image editors of stow.yaml and Compose files.
 */
final class YamlScalars {

  private YamlScalars() {}

  /** The document's root mapping, composed without resolving aliases or merge keys. */
  static MappingNode root(String file, String yaml, String expected) {
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(file)
            .setAllowDuplicateKeys(false)
            .setMaxAliasesForCollections(50)
            .build();
    Optional<Node> root;
    try {
      root =
          new Composer(settings, new ParserImpl(settings, new StreamReader(settings, yaml)))
              .getSingleNode();
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().orElse(null);
      throw problem(file, "", mark, "not valid YAML: " + e.getProblem());
    } catch (YamlEngineException e) {
      throw problem(file, "", null, "not valid YAML: " + e.getMessage());
    }
    if (root.isEmpty() || !(root.get() instanceof MappingNode mapping)) {
      throw problem(
          file,
          "",
          root.flatMap(Node::getStartMark).orElse(null),
          "expected a mapping with " + expected);
    }
    return mapping;
  }

  /**
   * The text with {@code scalar} replaced by {@code replacement}, quoted as the scalar was.
   *
   * @throws DescriptorException when the scalar cannot be edited alone (anchored, a block scalar,
   *     several lines, or not where the parser says)
   */
  static String replace(
      String file, String where, String yaml, ScalarNode scalar, String replacement) {
    Mark start = scalar.getStartMark().orElseThrow();
    Mark end = scalar.getEndMark().orElseThrow();
    if (scalar.getAnchor().isPresent()) {
      throw problem(
          file,
          where,
          start,
          "the image carries an anchor that other places may alias; write it out in full"
              + " here so it can be changed alone");
    }
    String quote = quote(file, where, scalar, start, end);
    int from = yaml.offsetByCodePoints(0, start.getIndex());
    int to = yaml.offsetByCodePoints(0, end.getIndex());
    String source = yaml.substring(from, to);
    String expected = quote + scalar.getValue() + quote;
    if (!source.equals(expected)) {
      throw problem(
          file,
          where,
          start,
          "cannot locate the image text exactly (found "
              + source.length()
              + " characters where "
              + expected.length()
              + " were expected); write it on one line as image: repo:tag@sha256:<digest>");
    }
    return scalar.getValue().equals(replacement)
        ? yaml
        : yaml.substring(0, from) + quote + replacement + quote + yaml.substring(to);
  }

  private static String quote(String file, String where, ScalarNode scalar, Mark start, Mark end) {
    ScalarStyle style = scalar.getScalarStyle();
    if (style == ScalarStyle.LITERAL || style == ScalarStyle.FOLDED) {
      throw problem(
          file,
          where,
          start,
          "the image is a block scalar (| or >); write it on one line as image: repo:tag@sha256:...");
    }
    if (start.getLine() != end.getLine()) {
      throw problem(file, where, start, "the image spans several lines; write it on one line");
    }
    if (style == ScalarStyle.PLAIN) {
      return "";
    }
    if (style == ScalarStyle.DOUBLE_QUOTED) {
      return "\"";
    }
    if (style == ScalarStyle.SINGLE_QUOTED) {
      return "'";
    }
    throw problem(
        file,
        where,
        start,
        "the image is a block scalar (| or >); write it on one line as image: repo:tag@sha256:...");
  }

  static Optional<Node> value(MappingNode mapping, String key) {
    return mapping.getValue().stream()
        .filter(t -> keyIs(t, key))
        .map(NodeTuple::getValueNode)
        .findFirst();
  }

  static boolean keyIs(NodeTuple tuple, String key) {
    return tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key);
  }

  static DescriptorException anchored(String file, String where, Node node) {
    return problem(
        file,
        where,
        node.getStartMark().orElse(null),
        "is reached through an anchor or alias, so editing it would change other places too;"
            + " write it out in full");
  }

  static DescriptorException problem(String file, String where, Mark mark, String text) {
    int line = mark == null ? 0 : mark.getLine() + 1;
    int column = mark == null ? 0 : mark.getColumn() + 1;
    return new DescriptorException(List.of(new Problem(file, where, line, column, text)));
  }
}
