package io.stow.model.parse;

import io.stow.model.VolumeSpec;
import io.stow.model.parse.Binding.Item;
import io.stow.model.parse.Binding.Unknown;
import io.stow.model.parse.YamlNode.MapNode;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A service's {@code secrets}: each a name, or {@code source} and {@code target} (a name below
 * {@code /run/secrets} or an absolute path), bind mounted read-only from the secret's file in the
 * deployment's snapshot (decrypted there when the file is a SOPS file).
 */
final class ServiceSecrets {

  private static final Set<String> SECRET_KEYS = Set.of("source", "target");

  /** Adds a mount as {@link ServiceMounts} adds every mount. */
  @FunctionalInterface
  interface Mount {
    void add(YamlNode node, String path, Supplier<Object> mount);
  }

  private ServiceSecrets() {}

  /** Mounts each of the service's {@code secrets} read-only below {@code /run/secrets}. */
  static void bind(Binding s, ComposeProject project, Mount mount) {
    for (Item item : s.list("secrets")) {
      Optional<String> source;
      Optional<String> target = Optional.empty();
      if (item.node() instanceof MapNode) {
        Optional<Binding> bound =
            Binding.of(s.findings(), item.node(), item.path(), SECRET_KEYS, Unknown.COMPOSE);
        if (bound.isEmpty()) {
          continue;
        }
        source = bound.get().requiredString("source").map(String::strip);
        target = ContainerBinder.trimmed(bound.get(), "target");
      } else {
        source = s.scalarText(item.node(), item.path()).map(String::strip);
      }
      if (source.isEmpty()) {
        continue;
      }
      String file = project.secrets.get(source.get());
      if (file == null && project.declaredSecrets.contains(source.get())) {
        continue; // its declaration is wrong, and reported there
      }
      if (file == null) {
        s.problemAt(
            item.node(),
            item.path(),
            "secret '" + source.get() + "' is not declared; add it under the top-level secrets");
        continue;
      }
      String mountPoint =
          target
              .map(t -> t.startsWith("/") ? t : "/run/secrets/" + t)
              .orElse("/run/secrets/" + source.get());
      mount.add(
          item.node(), item.path(), () -> new VolumeSpec(file, mountPoint, true, Optional.empty()));
    }
  }
}
