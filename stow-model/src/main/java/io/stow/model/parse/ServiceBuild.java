package io.stow.model.parse;

import io.stow.model.BuildSpec;
import io.stow.model.parse.Binding.Unknown;
import io.stow.model.parse.ComposeValues.Pair;
import io.stow.model.parse.YamlNode.ScalarNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A service's {@code build}: a context path, or {@code context}, {@code dockerfile}, {@code args}
 * and {@code target}. The context must be a folder inside the deployment folder (a URL or a path
 * outside is refused: the folder is all stow deploys, and all its hash covers).
 */
final class ServiceBuild {

  private static final Set<String> KEYS = Set.of("context", "dockerfile", "args", "target");

  private ServiceBuild() {}

  static Optional<BuildSpec> bind(Binding s, ComposeProject project, String service) {
    Optional<YamlNode> node = s.node("build");
    if (node.isEmpty() || Binding.isNull(node.get())) {
      return Optional.empty();
    }
    String repository = "stow/" + imageComponent(project.name + "-" + service);
    if (node.get() instanceof ScalarNode scalar) {
      return context(s, scalar, s.child("build"), scalar.text().strip())
          .map(
              context ->
                  new BuildSpec(context, "Dockerfile", Map.of(), Optional.empty(), repository));
    }
    Optional<Binding> bound = s.nested("build", KEYS, Unknown.COMPOSE);
    if (bound.isEmpty()) {
      return Optional.empty();
    }
    Binding b = bound.get();
    Optional<String> context =
        b.node("context")
            .map(n -> b.string("context").orElse(""))
            .or(() -> Optional.of("."))
            .flatMap(
                text ->
                    context(
                        b, b.node("context").orElse(b.map()), b.child("context"), text.strip()));
    Optional<String> dockerfile = ContainerBinder.trimmed(b, "dockerfile");
    dockerfile
        .filter(d -> d.startsWith("/") || VolumeBinder.escapes(d))
        .ifPresent(
            d ->
                b.problem(
                    "dockerfile",
                    "'" + d + "' must be a path inside the build context (relative to it)"));
    Map<String, String> args = new LinkedHashMap<>();
    for (Pair pair : ComposeValues.pairs(b, "args", '=')) {
      // an arg without a value takes the project's .env value, as Compose takes the shell's
      pair.value()
          .or(() -> Optional.ofNullable(project.variables.get(pair.key())))
          .ifPresent(v -> args.put(pair.key(), v));
    }
    Optional<String> target = ContainerBinder.trimmed(b, "target");
    if (context.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new BuildSpec(
              context.get(),
              dockerfile.filter(d -> !d.startsWith("/")).orElse("Dockerfile"),
              args,
              target,
              repository));
    } catch (IllegalArgumentException e) {
      b.problem(e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<String> context(Binding b, YamlNode node, String path, String text) {
    if (text.contains("://") || text.startsWith("git@") || text.contains(".git#")) {
      b.problemAt(
          node,
          path,
          "a remote build context ('"
              + text
              + "') is not supported: the build context must be a folder inside the deployment"
              + " folder, which the deployment hash covers");
      return Optional.empty();
    }
    return ComposeValues.inside(b, node, path, text, "the build context");
  }

  /**
   * A repository path component Docker accepts: lower case, separators only between letters and
   * digits.
   */
  static String imageComponent(String text) {
    String lower = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    String collapsed = lower.replaceAll("[._-]*[.][._-]*", ".").replaceAll("[._-]{2,}", "-");
    return collapsed.replaceAll("^[._-]+", "").replaceAll("[._-]+$", "");
  }
}
