package io.stow.model.parse;

import io.stow.model.VolumeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Binds {@code volumes} and other paths that must stay inside the deployment folder. */
final class VolumeBinder {

  private static final Set<String> KEYS = Set.of("source", "target", "readOnly", "selinux");

  private VolumeBinder() {}

  static List<VolumeSpec> bind(Binding c) {
    List<VolumeSpec> volumes = new ArrayList<>();
    for (Binding.Item item : c.list("volumes")) {
      Binding.of(c.file(), c.problems(), item.node(), item.path(), KEYS)
          .flatMap(VolumeBinder::volume)
          .ifPresent(volumes::add);
    }
    return volumes;
  }

  private static Optional<VolumeSpec> volume(Binding v) {
    Optional<String> source = v.requiredString("source").map(String::strip);
    Optional<String> target = v.requiredString("target").map(String::strip);
    boolean readOnly = v.bool("readOnly", false);
    Optional<String> selinux = v.string("selinux").map(String::strip).filter(s -> !s.isEmpty());
    selinux
        .filter(s -> !s.equals("z") && !s.equals("Z"))
        .ifPresent(s -> v.problem("selinux", "must be z (shared) or Z (private), not '" + s + "'"));
    target
        .filter(t -> !t.startsWith("/"))
        .ifPresent(t -> v.problem("target", "must be an absolute path inside the container"));
    source.ifPresent(s -> checkSource(v, s));
    if (source.isEmpty() || target.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new VolumeSpec(source.get(), target.get(), readOnly, selinux));
  }

  private static void checkSource(Binding v, String source) {
    if (source.isEmpty()) {
      v.problem("source", "must not be empty");
      return;
    }
    VolumeSpec probe = new VolumeSpec(source, "/", false, Optional.empty());
    if (probe.sourceKind() != VolumeSpec.SourceKind.ABSOLUTE && escapes(probe.sourcePath())) {
      v.problem(
          "source",
          "'"
              + source
              + "' leaves the deployment folder through '..'; use an absolute path for host"
              + " directories");
    }
  }

  /** Relative paths under {@code key} that must stay inside the deployment folder. */
  static List<String> relativePaths(Binding c, String key) {
    List<String> paths = new ArrayList<>();
    for (Binding.Item item : c.list(key)) {
      c.scalarText(item.node(), item.path(), false)
          .ifPresent(
              path -> {
                if (path.startsWith("/") || path.isEmpty() || escapes(path)) {
                  c.problemAt(
                      item.node(),
                      item.path(),
                      "'" + path + "' must be a relative path inside the deployment folder");
                } else {
                  paths.add(path);
                }
              });
    }
    return paths;
  }

  static boolean escapes(String relative) {
    Path normalized = Path.of(relative.isEmpty() ? "." : relative).normalize();
    return normalized.startsWith("..") || normalized.isAbsolute();
  }
}
