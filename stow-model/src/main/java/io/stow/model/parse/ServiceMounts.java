package io.stow.model.parse;

import io.stow.model.BindOptions;
import io.stow.model.ContainerSpec;
import io.stow.model.TmpfsMount;
import io.stow.model.VolumeMount;
import io.stow.model.VolumeSpec;
import io.stow.model.parse.Binding.Item;
import io.stow.model.parse.Binding.Text;
import io.stow.model.parse.Binding.Unknown;
import io.stow.model.parse.YamlNode.MapNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A service's mounts: {@code volumes} (short {@code source:target:mode} and long form; a relative
 * or absolute source is a bind mount, a name is one of the project's named volumes, no source is an
 * anonymous volume), {@code tmpfs}, and {@code secrets}, each mounted read-only at {@code
 * /run/secrets/<name>} from the deployment's snapshot. Relative bind sources point into the
 * deployment folder's snapshot, as in stow.yaml.
 */
final class ServiceMounts {

  private static final Set<String> LONG_KEYS =
      Set.of("type", "source", "target", "read_only", "bind", "volume", "tmpfs", "consistency");
  private static final Set<String> BIND_KEYS = Set.of("propagation", "create_host_path", "selinux");
  private static final Set<String> VOLUME_KEYS = Set.of("nocopy");
  private static final Set<String> TMPFS_KEYS = Set.of("size", "mode");

  private ServiceMounts() {}

  /** Where a bound mount goes; every kind is collected to refuse two at one mount point. */
  private record Mounted(String target, YamlNode node, String path) {}

  static void bind(Binding s, ComposeProject project, ContainerSpec.Builder spec) {
    List<Mounted> targets = new ArrayList<>();
    for (Item item : s.list("volumes")) {
      if (item.node() instanceof MapNode) {
        Binding.of(s.findings(), item.node(), item.path(), LONG_KEYS, Unknown.COMPOSE)
            .ifPresent(v -> longForm(v, project, spec, targets));
      } else {
        s.scalarText(item.node(), item.path())
            .map(String::strip)
            .ifPresent(text -> shortForm(s, item, text, project, spec, targets));
      }
    }
    for (Text entry : ComposeValues.stringOrList(s, "tmpfs")) {
      s.parseItem(entry.item(), entry.text(), TmpfsMount::parse)
          .ifPresent(
              mount -> {
                spec.tmpfsMount(mount);
                targets.add(new Mounted(mount.target(), entry.item().node(), entry.item().path()));
              });
    }
    ServiceSecrets.bind(
        s, project, (node, path, mount) -> add(s, node, path, mount, spec, targets));
    Set<String> seen = new HashSet<>();
    for (Mounted mounted : targets) {
      if (!seen.add(Path.of(mounted.target()).normalize().toString())) {
        s.problemAt(
            mounted.node(),
            mounted.path(),
            "a second mount at " + mounted.target() + "; Docker refuses two mounts at one path");
      }
    }
  }

  private static void shortForm(
      Binding s,
      Item item,
      String text,
      ComposeProject project,
      ContainerSpec.Builder spec,
      List<Mounted> targets) {
    String[] parts = text.split(":", -1);
    if (parts.length > 3 || text.isEmpty()) {
      s.problemAt(
          item.node(),
          item.path(),
          "'" + text + "' is not a volume; write [source:]target[:mode], e.g. db-data:/var/lib/db");
      return;
    }
    if (parts.length == 1) {
      add(
          s,
          item.node(),
          item.path(),
          () -> new VolumeMount(Optional.empty(), parts[0], false, false),
          spec,
          targets);
      return;
    }
    String source = parts[0];
    String target = parts[1];
    String mode = parts.length == 3 ? parts[2] : "";
    if (isPath(source)) {
      bind(s, item.node(), item.path(), source, target, BindMode.of(mode), spec, targets);
    } else {
      Set<String> options = Set.of(mode.isEmpty() ? new String[0] : mode.split(","));
      if (!Set.of("ro", "rw", "nocopy").containsAll(options)) {
        s.problemAt(
            item.node(),
            item.path(),
            "'" + mode + "' is not a volume mode; use ro, rw or nocopy (comma-separated)");
        return;
      }
      named(
          s,
          item.node(),
          item.path(),
          project,
          source,
          target,
          options.contains("ro"),
          options.contains("nocopy"),
          spec,
          targets);
    }
  }

  private static void longForm(
      Binding v, ComposeProject project, ContainerSpec.Builder spec, List<Mounted> targets) {
    Optional<String> type = v.requiredString("type").map(String::strip);
    Optional<String> target = v.requiredString("target").map(String::strip);
    Optional<String> source = ContainerBinder.trimmed(v, "source");
    boolean readOnly = v.bool("read_only", false);
    Optional<Binding> bindOptions = v.nested("bind", BIND_KEYS, Unknown.COMPOSE);
    Optional<Binding> volumeOptions = v.nested("volume", VOLUME_KEYS, Unknown.COMPOSE);
    Optional<Binding> tmpfsOptions = v.nested("tmpfs", TMPFS_KEYS, Unknown.COMPOSE);
    Optional<String> consistency = ContainerBinder.trimmed(v, "consistency");
    if (type.isEmpty() || target.isEmpty()) {
      return;
    }
    YamlNode node = v.map();
    switch (type.get()) {
      case "bind" -> {
        if (source.isEmpty()) {
          v.problem("source", "is required for a bind mount");
          return;
        }
        bindOptions.ifPresent(b -> b.optionalBool("create_host_path"));
        List<String> mode = new ArrayList<>();
        bindOptions.flatMap(b -> ContainerBinder.trimmed(b, "selinux")).ifPresent(mode::add);
        bindOptions.flatMap(b -> ContainerBinder.trimmed(b, "propagation")).ifPresent(mode::add);
        consistency.ifPresent(mode::add);
        String path =
            source.get().startsWith("/") || source.get().startsWith(".")
                ? source.get()
                : "./" + source.get();
        bind(
            v,
            node,
            v.path(),
            path,
            target.get(),
            new BindMode(readOnly, String.join(",", mode)),
            spec,
            targets);
      }
      case "volume" -> {
        boolean noCopy = volumeOptions.map(o -> o.bool("nocopy", false)).orElse(false);
        if (source.isEmpty()) {
          add(
              v,
              node,
              v.path(),
              () -> new VolumeMount(Optional.empty(), target.get(), readOnly, noCopy),
              spec,
              targets);
        } else {
          named(
              v,
              node,
              v.path(),
              project,
              source.get(),
              target.get(),
              readOnly,
              noCopy,
              spec,
              targets);
        }
      }
      case "tmpfs" -> {
        List<String> options = new ArrayList<>();
        tmpfsOptions
            .flatMap(t -> ContainerBinder.trimmed(t, "size"))
            .ifPresent(size -> options.add("size=" + size));
        tmpfsOptions
            .flatMap(t -> ContainerBinder.trimmed(t, "mode"))
            .ifPresent(mode -> options.add("mode=" + mode));
        if (readOnly) {
          options.add("ro");
        }
        String text = target.get() + (options.isEmpty() ? "" : ":" + String.join(",", options));
        v.parse("target", text, TmpfsMount::parse)
            .ifPresent(
                mount -> {
                  spec.tmpfsMount(mount);
                  targets.add(new Mounted(mount.target(), node, v.path()));
                });
      }
      default ->
          v.problem(
              "type",
              "'" + type.get() + "' is not a mount type stow supports; use bind, volume or tmpfs");
    }
  }

  /** A bind mount's options as Docker's mode text reads them. */
  private record BindMode(boolean readOnly, String options) {
    static BindMode of(String mode) {
      List<String> rest = new ArrayList<>();
      boolean readOnly = false;
      for (String option : mode.isEmpty() ? new String[0] : mode.split(",")) {
        if (option.equals("ro")) {
          readOnly = true;
        } else if (!option.equals("rw")) {
          rest.add(option);
        }
      }
      return new BindMode(readOnly, String.join(",", rest));
    }
  }

  private static void bind(
      Binding s,
      YamlNode node,
      String path,
      String source,
      String target,
      BindMode mode,
      ContainerSpec.Builder spec,
      List<Mounted> targets) {
    Optional<String> host;
    if (source.startsWith("/")) {
      host = Optional.of(source);
    } else {
      host = ComposeValues.inside(s, node, path, source, "the bind source");
    }
    if (host.isEmpty()) {
      return;
    }
    Optional<String> options =
        mode.options().isEmpty() ? Optional.empty() : Optional.of(mode.options());
    try {
      BindOptions.of(mode.readOnly(), options);
    } catch (IllegalArgumentException e) {
      s.problemAt(node, path, e.getMessage());
      return;
    }
    add(
        s,
        node,
        path,
        () -> new VolumeSpec(host.get(), target, mode.readOnly(), options),
        spec,
        targets);
  }

  private static void named(
      Binding s,
      YamlNode node,
      String path,
      ComposeProject project,
      String volume,
      String target,
      boolean readOnly,
      boolean noCopy,
      ContainerSpec.Builder spec,
      List<Mounted> targets) {
    if (!project.volumes.containsKey(volume)) {
      if (project.declaredVolumes.contains(volume)) {
        return; // its declaration is wrong, and reported there
      }
      s.problemAt(
          node,
          path,
          "volume '"
              + volume
              + "' is not declared; add it under the top-level volumes, or write ./"
              + volume
              + " for a folder of the deployment");
      return;
    }
    project.usedVolumes.add(volume);
    String docker = project.volumes.get(volume).name();
    add(
        s,
        node,
        path,
        () -> new VolumeMount(Optional.of(docker), target, readOnly, noCopy),
        spec,
        targets);
  }

  private static boolean isPath(String source) {
    return source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
  }

  private static void add(
      Binding s,
      YamlNode node,
      String path,
      Supplier<Object> mount,
      ContainerSpec.Builder spec,
      List<Mounted> targets) {
    Object made;
    try {
      made = mount.get();
    } catch (IllegalArgumentException e) {
      s.problemAt(node, path, e.getMessage());
      return;
    }
    if (made instanceof VolumeSpec volume) {
      spec.volume(volume);
      targets.add(new Mounted(volume.target(), node, path));
    } else if (made instanceof VolumeMount mount2) {
      spec.volumeMount(mount2);
      targets.add(new Mounted(mount2.target(), node, path));
    }
  }
}
