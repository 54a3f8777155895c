package io.stow.model.edit;

import io.stow.model.ImageRef;
import io.stow.model.parse.DescriptorException;
import io.stow.model.parse.Problem;
import java.util.ArrayList;
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
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Replaces one container's {@code image} in stow.yaml text by editing that scalar in place, at the
 * exact position the YAML parser reports for it: every other byte (comments, quoting, indentation,
 * key order) stays as it was. A quoted image stays quoted in the same style.
 *
 * <p>It fails closed, with the problem's line and column, when the image cannot be edited alone: an
 * image, container or container list reached through an anchor or alias (the edit would change
 * other places too), an image that comes from a merge key, or a block or multi-line scalar.
 */
public final class ImageEditor {

  private ImageEditor() {}

  /**
   * Sets {@code container}'s image to {@code newImage} ({@code repo:tag@sha256:hex}).
   *
   * @param file names the text in problems, e.g. {@code host/stow.yaml}
   * @throws DescriptorException when the container or its image cannot be found or edited alone
   * @throws IllegalArgumentException when {@code newImage} is not a pinned image reference
   */
  public static ImageEdit replaceImage(
      String file, String yaml, String container, String newImage) {
    String image = ImageRef.parse(newImage).toString();
    MappingNode root = root(file, yaml);
    SequenceNode containers = containers(file, root);
    MappingNode target = find(file, containers, container);
    ScalarNode scalar = imageScalar(file, target, container);
    Mark start = scalar.getStartMark().orElseThrow();
    Mark end = scalar.getEndMark().orElseThrow();
    String where = "containers[name=" + container + "].image";
    if (scalar.getAnchor().isPresent()) {
      throw problem(
          file,
          where,
          start,
          "the image carries an anchor that other places may alias; write it out in full"
              + " for this container so it can be changed alone");
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
              + " were expected); write it on one line"
              + " as image: repo:tag@sha256:<digest>");
    }
    String previous = scalar.getValue();
    String content =
        previous.equals(image)
            ? yaml
            : yaml.substring(0, from) + quote + image + quote + yaml.substring(to);
    return new ImageEdit(content, previous, image, start.getLine() + 1, start.getColumn() + 1);
  }

  private static MappingNode root(String file, String yaml) {
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
          "expected a mapping with deployment and containers");
    }
    return mapping;
  }

  private static SequenceNode containers(String file, MappingNode root) {
    Node value =
        value(root, "containers")
            .orElseThrow(
                () ->
                    problem(
                        file,
                        "containers",
                        root.getStartMark().orElse(null),
                        "stow.yaml has no containers list"));
    if (!(value instanceof SequenceNode sequence)) {
      throw problem(
          file, "containers", value.getStartMark().orElse(null), "containers must be a list");
    }
    if (sequence.getAnchor().isPresent()) {
      throw anchored(file, "containers", sequence);
    }
    return sequence;
  }

  private static MappingNode find(String file, SequenceNode containers, String container) {
    List<String> names = new ArrayList<>();
    List<MappingNode> matches = new ArrayList<>();
    for (Node item : containers.getValue()) {
      if (!(item instanceof MappingNode mapping)) {
        continue;
      }
      Optional<String> name =
          value(mapping, "name")
              .filter(ScalarNode.class::isInstance)
              .map(n -> ((ScalarNode) n).getValue().strip());
      name.ifPresent(names::add);
      if (name.isPresent() && name.get().equals(container.strip())) {
        matches.add(mapping);
      }
    }
    if (matches.isEmpty()) {
      throw problem(
          file,
          "containers",
          containers.getStartMark().orElse(null),
          "no container named '"
              + container
              + "'; the containers are: "
              + (names.isEmpty() ? "(none)" : String.join(", ", names)));
    }
    if (matches.size() > 1) {
      throw problem(
          file,
          "containers",
          matches.get(1).getStartMark().orElse(null),
          "more than one container is named '" + container + "'");
    }
    MappingNode target = matches.get(0);
    if (target.getAnchor().isPresent()) {
      throw anchored(file, "containers[name=" + container + "]", target);
    }
    return target;
  }

  private static ScalarNode imageScalar(String file, MappingNode target, String container) {
    String where = "containers[name=" + container + "].image";
    Optional<Node> image = value(target, "image");
    if (image.isEmpty()) {
      boolean merged = target.getValue().stream().anyMatch(t -> keyIs(t, "<<"));
      throw problem(
          file,
          where,
          target.getStartMark().orElse(null),
          merged
              ? "the image comes from a merge key (<<); write image: out in this container so it can"
                  + " be changed alone"
              : "container '" + container + "' has no image");
    }
    if (!(image.get() instanceof ScalarNode scalar)) {
      throw problem(
          file,
          where,
          image.get().getStartMark().orElse(null),
          "image must be a single value repo:tag@sha256:<digest>");
    }
    return scalar;
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

  private static Optional<Node> value(MappingNode mapping, String key) {
    return mapping.getValue().stream()
        .filter(t -> keyIs(t, key))
        .map(NodeTuple::getValueNode)
        .findFirst();
  }

  private static boolean keyIs(NodeTuple tuple, String key) {
    return tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key);
  }

  private static DescriptorException anchored(String file, String where, Node node) {
    return problem(
        file,
        where,
        node.getStartMark().orElse(null),
        "is reached through an anchor or alias, so editing it would change other places too;"
            + " write this container out in full");
  }

  private static DescriptorException problem(String file, String where, Mark mark, String text) {
    int line = mark == null ? 0 : mark.getLine() + 1;
    int column = mark == null ? 0 : mark.getColumn() + 1;
    return new DescriptorException(List.of(new Problem(file, where, line, column, text)));
  }
}
