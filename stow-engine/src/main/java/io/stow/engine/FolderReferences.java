package io.stow.engine;

import io.stow.model.BuildSpec;
import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.StowLabels;
import io.stow.model.VolumeSpec;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks that what stow.yaml (or a Compose file) points at inside the deployment folder is there:
 * every env file, every relative or {@code runtime/...} volume source (a Compose secret's file
 * included), and every build context with its Dockerfile. Docker would otherwise create a missing
 * bind source as an empty root-owned directory and the container would start without its
 * configuration. A deployment folder holds regular files and directories only, as the reconcile's
 * sources require: a symbolic link on the way to a referenced file is refused, never followed.
 */
public final class FolderReferences {

  private FolderReferences() {}

  /**
   * Every missing, escaping or linked reference, each naming its container and YAML path; empty if
   * none.
   */
  public static List<String> problems(Descriptor descriptor, Path folder) {
    Path base = folder.toAbsolutePath().normalize();
    List<String> problems = new ArrayList<>();
    List<ContainerSpec> containers = descriptor.containers();
    for (int c = 0; c < containers.size(); c++) {
      ContainerSpec spec = containers.get(c);
      // a Compose service is named as the file names it; a stow.yaml container by its index
      String service = spec.labels().get(StowLabels.COMPOSE_SERVICE);
      String at =
          service != null
              ? "service " + service + " (container " + spec.name() + ")"
              : "container " + spec.name() + " (containers[" + c + "])";
      for (int i = 0; i < spec.envFiles().size(); i++) {
        String name = spec.envFiles().get(i);
        check(base, name, at + " envFiles[" + i + "] '" + name + "'", true, problems);
      }
      for (int i = 0; i < spec.volumes().size(); i++) {
        VolumeSpec volume = spec.volumes().get(i);
        if (volume.sourceKind() != VolumeSpec.SourceKind.ABSOLUTE) {
          String where = at + " volume source '" + volume.source() + "'";
          check(base, volume.sourcePath(), where, false, problems);
        }
      }
      spec.build().ifPresent(build -> checkBuild(base, at, build, problems));
    }
    return problems;
  }

  /**
   * Every symbolic link or other non-regular file in the folder (a {@code .git} directory is
   * skipped), as the reconcile refuses them; empty if none.
   */
  public static List<String> unsupportedFiles(Path folder) throws IOException {
    Path base = folder.toAbsolutePath().normalize();
    List<String> problems = new ArrayList<>();
    walk(base, base, problems);
    return problems;
  }

  private static void walk(Path base, Path dir, List<String> problems) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(children::add);
    }
    children.sort(null);
    for (Path child : children) {
      BasicFileAttributes attributes =
          Files.readAttributes(child, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (attributes.isDirectory()) {
        if (!child.getFileName().toString().equals(".git")) {
          walk(base, child, problems);
        }
      } else if (!attributes.isRegularFile()) {
        problems.add(
            base.relativize(child)
                + " is "
                + (attributes.isSymbolicLink() ? "a symbolic link" : "not a regular file")
                + "; a deployment folder holds regular files and directories only (the reconcile"
                + " refuses it): replace it with a copy of the file");
      }
    }
  }

  /** A build context is a folder of the deployment, and its Dockerfile a file inside it. */
  private static void checkBuild(Path base, String at, BuildSpec build, List<String> problems) {
    String where = at + " build context '" + build.context() + "'";
    int before = problems.size();
    check(base, build.context(), where, false, problems);
    if (problems.size() > before) {
      return;
    }
    Path context = base.resolve(build.context()).normalize();
    if (!Files.isDirectory(context, LinkOption.NOFOLLOW_LINKS)) {
      problems.add(where + " is not a folder; a build context is a folder of the deployment");
      return;
    }
    String dockerfile = base.relativize(context.resolve(build.dockerfile()).normalize()).toString();
    if (!context.resolve(build.dockerfile()).normalize().startsWith(context)) {
      problems.add(at + " Dockerfile '" + build.dockerfile() + "' leaves its build context");
      return;
    }
    check(
        base,
        dockerfile,
        at + " Dockerfile '" + build.dockerfile() + "' (in " + build.context() + ")",
        true,
        problems);
  }

  private static void check(
      Path base, String relative, String where, boolean file, List<String> problems) {
    Path resolved = base.resolve(relative).normalize();
    if (relative.startsWith("/") || !resolved.startsWith(base)) {
      problems.add(where + " escapes the deployment folder; keep it inside");
      return;
    }
    Path current = base;
    for (Path part : base.relativize(resolved)) {
      if (part.toString().isEmpty()) {
        continue;
      }
      current = current.resolve(part);
      if (Files.isSymbolicLink(current)) {
        problems.add(
            where
                + " goes through the symbolic link "
                + base.relativize(current)
                + "; a deployment folder holds regular files and directories only");
        return;
      }
    }
    if (file
        ? !Files.isRegularFile(resolved, LinkOption.NOFOLLOW_LINKS)
        : !Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
      problems.add(where + " does not exist in the deployment folder; add it or fix the path");
    }
  }
}
