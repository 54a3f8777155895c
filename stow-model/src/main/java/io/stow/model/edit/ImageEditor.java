package io.stow.model.edit;

import io.stow.model.ImageRef;
import io.stow.model.parse.DescriptorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

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
    MappingNode root = YamlScalars.root(file, yaml, "deployment and containers");
    SequenceNode containers = containers(file, root);
    MappingNode target = find(file, containers, container);
    ScalarNode scalar = imageScalar(file, target, container);
    Mark start = scalar.getStartMark().orElseThrow();
    String where = "containers[name=" + container + "].image";
    String content = YamlScalars.replace(file, where, yaml, scalar, image);
    return new ImageEdit(
        content, scalar.getValue(), image, start.getLine() + 1, start.getColumn() + 1);
  }

  private static SequenceNode containers(String file, MappingNode root) {
    Node value =
        YamlScalars.value(root, "containers")
            .orElseThrow(
                () ->
                    YamlScalars.problem(
                        file,
                        "containers",
                        root.getStartMark().orElse(null),
                        "stow.yaml has no containers list"));
    if (!(value instanceof SequenceNode sequence)) {
      throw YamlScalars.problem(
          file, "containers", value.getStartMark().orElse(null), "containers must be a list");
    }
    if (sequence.getAnchor().isPresent()) {
      throw YamlScalars.anchored(file, "containers", sequence);
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
          YamlScalars.value(mapping, "name")
              .filter(ScalarNode.class::isInstance)
              .map(n -> ((ScalarNode) n).getValue().strip());
      name.ifPresent(names::add);
      if (name.isPresent() && name.get().equals(container.strip())) {
        matches.add(mapping);
      }
    }
    if (matches.isEmpty()) {
      throw YamlScalars.problem(
          file,
          "containers",
          containers.getStartMark().orElse(null),
          "no container named '"
              + container
              + "'; the containers are: "
              + (names.isEmpty() ? "(none)" : String.join(", ", names)));
    }
    if (matches.size() > 1) {
      throw YamlScalars.problem(
          file,
          "containers",
          matches.get(1).getStartMark().orElse(null),
          "more than one container is named '" + container + "'");
    }
    MappingNode target = matches.get(0);
    if (target.getAnchor().isPresent()) {
      throw YamlScalars.anchored(file, "containers[name=" + container + "]", target);
    }
    return target;
  }

  private static ScalarNode imageScalar(String file, MappingNode target, String container) {
    String where = "containers[name=" + container + "].image";
    Optional<Node> image = YamlScalars.value(target, "image");
    if (image.isEmpty()) {
      boolean merged = target.getValue().stream().anyMatch(t -> YamlScalars.keyIs(t, "<<"));
      throw YamlScalars.problem(
          file,
          where,
          target.getStartMark().orElse(null),
          merged
              ? "the image comes from a merge key (<<); write image: out in this container so it can"
                  + " be changed alone"
              : "container '" + container + "' has no image");
    }
    if (!(image.get() instanceof ScalarNode scalar)) {
      throw YamlScalars.problem(
          file,
          where,
          image.get().getStartMark().orElse(null),
          "image must be a single value repo:tag@sha256:<digest>");
    }
    return scalar;
  }
}
