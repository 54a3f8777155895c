package io.stow.model.parse;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which file describes a deployment folder: {@code stow.yaml}, or a Docker Compose file ({@code
 * compose.yaml}, {@code compose.yml}, {@code docker-compose.yaml} or {@code docker-compose.yml}).
 * Exactly one may be present: with two, which one deploys would be a guess.
 */
public final class ManifestFiles {

  /** stow's own descriptor. */
  public static final String STOW_YAML = "stow.yaml";

  /** The Compose file names, in Compose's order of preference. */
  public static final List<String> COMPOSE =
      List.of("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml");

  private ManifestFiles() {}

  /** Whether {@code fileName} is one of the Compose file names. */
  public static boolean isCompose(String fileName) {
    return COMPOSE.contains(fileName);
  }

  /**
   * The name of the folder's manifest, or empty when it has none.
   *
   * @throws DescriptorException when the folder holds more than one (both stow.yaml and a Compose
   *     file, or two Compose files)
   */
  public static Optional<String> find(Path folder) {
    List<String> present = new ArrayList<>();
    for (String name : names()) {
      if (Files.exists(folder.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
        present.add(name);
      }
    }
    if (present.size() > 1) {
      throw moreThanOne(folder.resolve(present.get(1)).toString(), present);
    }
    return present.stream().findFirst();
  }

  /**
   * The refusal of a folder that holds more than one manifest.
   *
   * @param second names the second manifest found, where the problem is reported
   * @param present the manifests the folder holds, in {@link #names()} order
   */
  public static DescriptorException moreThanOne(String second, List<String> present) {
    return new DescriptorException(
        List.of(
            new Problem(
                second,
                "",
                0,
                0,
                "the folder holds "
                    + String.join(" and ", present)
                    + "; a deployment folder has exactly one of stow.yaml or a Compose file:"
                    + " remove the others")));
  }

  /** What a folder without a manifest is told. */
  public static String expected() {
    return STOW_YAML + " or a Compose file (" + String.join(", ", COMPOSE) + ")";
  }

  /** Every manifest name, in the order a folder is searched: stow.yaml, then {@link #COMPOSE}. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    names.add(STOW_YAML);
    names.addAll(COMPOSE);
    return List.copyOf(names);
  }
}
