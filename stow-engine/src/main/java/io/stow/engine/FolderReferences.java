package io.stow.engine;

import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.VolumeSpec;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that what stow.yaml points at inside the deployment folder is there: every env file, and
 * every relative or {@code runtime/...} volume source. Docker would otherwise create a missing bind
 * source as an empty directory and the container would start without its configuration.
 */
public final class FolderReferences {

  private FolderReferences() {}

  /**
   * Every missing or escaping reference, each naming its container and YAML path; empty if none.
   */
  public static List<String> problems(Descriptor descriptor, Path folder) {
    List<String> problems = new ArrayList<>();
    List<ContainerSpec> containers = descriptor.containers();
    for (int c = 0; c < containers.size(); c++) {
      ContainerSpec spec = containers.get(c);
      String at = "container " + spec.name() + " (containers[" + c + "])";
      for (int i = 0; i < spec.envFiles().size(); i++) {
        String name = spec.envFiles().get(i);
        check(folder, name, at + " envFiles[" + i + "] '" + name + "'", true, problems);
      }
      for (int i = 0; i < spec.volumes().size(); i++) {
        VolumeSpec volume = spec.volumes().get(i);
        if (volume.sourceKind() != VolumeSpec.SourceKind.ABSOLUTE) {
          String where = at + " volume source '" + volume.source() + "'";
          check(folder, volume.sourcePath(), where, false, problems);
        }
      }
    }
    return problems;
  }

  private static void check(
      Path folder, String relative, String where, boolean file, List<String> problems) {
    Path resolved = folder.resolve(relative).normalize();
    if (relative.startsWith("/") || !resolved.startsWith(folder.normalize())) {
      problems.add(where + " escapes the deployment folder; keep it inside");
    } else if (file
        ? !Files.isRegularFile(resolved, LinkOption.NOFOLLOW_LINKS)
        : !Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
      problems.add(where + " does not exist in the deployment folder; add it or fix the path");
    }
  }
}
