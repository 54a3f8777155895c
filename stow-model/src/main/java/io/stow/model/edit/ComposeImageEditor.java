package io.stow.model.edit;

import io.stow.model.ImageRef;
import io.stow.model.parse.DescriptorException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Finds and replaces the services' {@code image} values of a Compose file in place, as {@link
 * ImageEditor} does for stow.yaml: every other byte stays as it was. An image reached through an
 * anchor, alias or merge key, or built from {@code ${VARIABLES}}, cannot be changed alone and is
 * reported, never edited.
 */
public final class ComposeImageEditor {

  private ComposeImageEditor() {}

  /**
   * A service's image as written.
   *
   * @param image the scalar's text
   * @param editable why it cannot be edited in place, when it cannot
   */
  public record ServiceImage(
      String service, String image, int line, int column, Optional<String> notEditable) {}

  /**
   * The image of every service that has one, in file order.
   *
   * @throws DescriptorException when the text is not a Compose file with services
   */
  public static List<ServiceImage> images(String file, String yaml) {
    List<ServiceImage> images = new ArrayList<>();
    for (NodeTuple tuple : services(file, yaml).getValue()) {
      if (!(tuple.getKeyNode() instanceof ScalarNode key)
          || !(tuple.getValueNode() instanceof MappingNode service)) {
        continue;
      }
      String name = key.getValue();
      Optional<Node> image = YamlScalars.value(service, "image");
      if (image.isEmpty()) {
        if (service.getValue().stream().anyMatch(t -> YamlScalars.keyIs(t, "<<"))
            && !service.getValue().stream().anyMatch(t -> YamlScalars.keyIs(t, "build"))) {
          Mark at = service.getStartMark().orElse(null);
          images.add(
              new ServiceImage(
                  name,
                  "",
                  line(at),
                  column(at),
                  Optional.of("the image may come from a merge key (<<); write image: out")));
        }
        continue;
      }
      Mark at = image.get().getStartMark().orElse(null);
      if (!(image.get() instanceof ScalarNode scalar)) {
        images.add(
            new ServiceImage(name, "", line(at), column(at), Optional.of("image is not a value")));
        continue;
      }
      Optional<String> why = Optional.empty();
      if (service.getAnchor().isPresent() || scalar.getAnchor().isPresent()) {
        why = Optional.of("it is reached through an anchor; write it out in this service");
      } else if (scalar.getValue().contains("$")) {
        why = Optional.of("it is interpolated from variables; pin the value in .env by hand");
      }
      images.add(new ServiceImage(name, scalar.getValue(), line(at), column(at), why));
    }
    return images;
  }

  /**
   * Sets {@code service}'s image to {@code newImage} ({@code repo:tag@sha256:hex}).
   *
   * @throws DescriptorException when the service or its image cannot be found or edited alone: no
   *     such service, a service built from {@code build:} without an image, an image that comes
   *     from a merge key or is interpolated from variables, or one reached through an anchor
   * @throws IllegalArgumentException when {@code newImage} is not a pinned image reference
   */
  public static ImageEdit replaceImage(String file, String yaml, String service, String newImage) {
    String image = ImageRef.parse(newImage).toString();
    String where = "services." + service + ".image";
    MappingNode services = services(file, yaml);
    NodeTuple found = null;
    List<String> names = new ArrayList<>();
    for (NodeTuple tuple : services.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key) {
        names.add(key.getValue());
        if (key.getValue().equals(service)) {
          found = tuple;
        }
      }
    }
    if (found == null) {
      throw YamlScalars.problem(
          file,
          "services",
          services.getStartMark().orElse(null),
          "no service named '"
              + service
              + "'; the services are: "
              + (names.isEmpty() ? "(none)" : String.join(", ", names)));
    }
    Mark at = found.getKeyNode().getStartMark().orElse(null);
    if (!(found.getValueNode() instanceof MappingNode target)) {
      throw YamlScalars.problem(
          file, "services." + service, at, "service '" + service + "' must be a mapping");
    }
    if (target.getAnchor().isPresent()) {
      throw YamlScalars.anchored(file, "services." + service, target);
    }
    Optional<Node> value = YamlScalars.value(target, "image");
    if (value.isEmpty()) {
      throw YamlScalars.problem(file, where, at, withoutImage(target, service));
    }
    if (!(value.get() instanceof ScalarNode scalar)) {
      throw YamlScalars.problem(
          file, where, value.get().getStartMark().orElse(null), "image must be a single value");
    }
    Mark start = scalar.getStartMark().orElseThrow();
    if (scalar.getValue().contains("$")) {
      throw YamlScalars.problem(
          file,
          where,
          start,
          "the image of service '"
              + service
              + "' is interpolated from variables; change the variable where it is set, or write"
              + " the image out here");
    }
    String content = YamlScalars.replace(file, where, yaml, scalar, image);
    return new ImageEdit(
        content, scalar.getValue(), image, start.getLine() + 1, start.getColumn() + 1);
  }

  /** Why a service has no {@code image:} of its own to change. */
  private static String withoutImage(MappingNode target, String service) {
    if (target.getValue().stream().anyMatch(t -> YamlScalars.keyIs(t, "build"))) {
      return "service '"
          + service
          + "' has no image: it is built from build:, and stow tags what it builds itself;"
          + " only an image written in image: can be changed";
    }
    if (target.getValue().stream().anyMatch(t -> YamlScalars.keyIs(t, "<<"))) {
      return "the image of service '"
          + service
          + "' may come from a merge key (<<); write image: out in this service so it can be"
          + " changed alone";
    }
    return "service '" + service + "' has no image";
  }

  private static MappingNode services(String file, String yaml) {
    MappingNode root = YamlScalars.root(file, yaml, "services");
    Node services =
        YamlScalars.value(root, "services")
            .orElseThrow(
                () ->
                    YamlScalars.problem(
                        file, "services", root.getStartMark().orElse(null), "no services"));
    if (!(services instanceof MappingNode mapping)) {
      throw YamlScalars.problem(
          file, "services", services.getStartMark().orElse(null), "services must be a mapping");
    }
    if (mapping.getAnchor().isPresent()) {
      throw YamlScalars.anchored(file, "services", mapping);
    }
    return mapping;
  }

  private static int line(Mark mark) {
    return mark == null ? 0 : mark.getLine() + 1;
  }

  private static int column(Mark mark) {
    return mark == null ? 0 : mark.getColumn() + 1;
  }
}
