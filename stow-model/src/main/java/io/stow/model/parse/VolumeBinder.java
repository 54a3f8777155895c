package io.stow.model.parse;

import io.stow.model.VolumeSpec;
import io.stow.model.parse.Binding.Unknown;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Binds {@code volumes} and other paths that must stay inside the deployment folder. Unknown keys
 * in a volume are warnings, as the original tool ignores them.
 */
final class VolumeBinder {

  private static final Set<String> KEYS = Set.of("source", "target", "readOnly", "selinux");

  private VolumeBinder() {}

  static List<VolumeSpec> bind(Binding c) {
    List<VolumeSpec> volumes = new ArrayList<>();
    for (Binding.Item item : c.list("volumes")) {
      Binding.of(c.findings(), item.node(), item.path(), KEYS, Unknown.WARNING)
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
    source.ifPresent(s -> checkSource(v, s));
    if (source.isEmpty() || target.isEmpty()) {
      return Optional.empty();
    }
    if (target.get().isEmpty()) {
      v.problem("target", "must not be empty");
      return Optional.empty();
    }
    try {
      return Optional.of(new VolumeSpec(source.get(), target.get(), readOnly, selinux));
    } catch (IllegalArgumentException e) {
      String key =
          e.getMessage().contains("mount point")
              ? "target"
              : e.getMessage().contains("source") ? "source" : "selinux";
      if (!key.equals("source") || !source.get().isEmpty()) {
        v.problem(key, e.getMessage());
      }
      return Optional.empty();
    }
  }

  private static void checkSource(Binding v, String source) {
    if (source.isEmpty()) {
      v.problem(
          "source",
          "must not be empty (Docker refuses a bind mount without a source); use runtime for the"
              + " deployment folder");
      return;
    }
    if (VolumeSpec.kindOf(source) != VolumeSpec.SourceKind.ABSOLUTE
        && escapes(VolumeSpec.pathOf(source))) {
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
    for (Binding.Text entry : c.trimmedList(key)) {
      String path = entry.text();
      if (path.startsWith("/") || escapes(path)) {
        c.problemAt(
            entry.item().node(),
            entry.item().path(),
            "'" + path + "' must be a relative path inside the deployment folder");
      } else {
        paths.add(path);
      }
    }
    return paths;
  }

  static boolean escapes(String relative) {
    Path normalized = Path.of(relative.isEmpty() ? "." : relative).normalize();
    return normalized.startsWith("..") || normalized.isAbsolute();
  }
}
