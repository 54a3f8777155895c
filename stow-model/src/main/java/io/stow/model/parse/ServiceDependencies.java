package io.stow.model.parse;

import io.stow.model.Dependency;
import io.stow.model.Dependency.Condition;
import io.stow.model.parse.Binding.Text;
import io.stow.model.parse.Binding.Unknown;
import io.stow.model.parse.YamlNode.Entry;
import io.stow.model.parse.YamlNode.MapNode;
import io.stow.model.parse.YamlNode.SeqNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A service's {@code depends_on}: a list of services (each must be started first), or a mapping
 * with a {@code condition} per service ({@code service_started}, {@code service_healthy}, {@code
 * service_completed_successfully}), {@code required} (a dependency that does not run with the
 * active profiles is dropped when false) and {@code restart} (stow replaces every container of a
 * deployment that changes, so it has no further effect). {@code network_mode: service:<name>}
 * depends on that service too, as in Compose.
 */
final class ServiceDependencies {

  private static final Set<String> KEYS = Set.of("condition", "required", "restart");

  private ServiceDependencies() {}

  static List<Dependency> bind(Binding s, ComposeProject project, String service) {
    List<Dependency> out = new ArrayList<>();
    Optional<YamlNode> node = s.node("depends_on");
    if (node.isPresent() && node.get() instanceof SeqNode) {
      for (Text entry : s.trimmedList("depends_on")) {
        add(
            s,
            project,
            service,
            entry.text(),
            entry.item().node(),
            entry.item().path(),
            Condition.STARTED,
            true,
            out);
      }
    } else if (node.isPresent() && node.get() instanceof MapNode map) {
      for (Entry entry : map.entries().values()) {
        String path = s.child("depends_on") + "." + entry.key();
        Optional<Binding> bound =
            Binding.of(s.findings(), entry.value(), path, KEYS, Unknown.COMPOSE);
        if (bound.isEmpty()) {
          continue;
        }
        Binding d = bound.get();
        d.optionalBool("restart");
        boolean required = d.bool("required", true);
        Optional<Condition> condition = condition(d);
        condition.ifPresent(
            c -> add(s, project, service, entry.key(), entry.value(), path, c, required, out));
      }
    } else if (node.isPresent() && !Binding.isNull(node.get())) {
      s.problem("depends_on", "must be a list of services or a mapping of services to conditions");
    }
    ContainerBinder.trimmed(s, "network_mode")
        .filter(m -> m.startsWith("service:"))
        .map(m -> m.substring("service:".length()))
        .filter(project.activeServices::contains)
        .map(project::containerOf)
        .filter(c -> out.stream().noneMatch(d -> d.container().equals(c)))
        .ifPresent(c -> out.add(new Dependency(c, Condition.STARTED)));
    return out;
  }

  private static Optional<Condition> condition(Binding d) {
    String text = ContainerBinder.trimmed(d, "condition").orElse(Condition.STARTED.text());
    for (Condition condition : Condition.values()) {
      if (condition.text().equals(text)) {
        return Optional.of(condition);
      }
    }
    d.problem(
        "condition",
        "'"
            + text
            + "' is not a condition; use service_started, service_healthy or"
            + " service_completed_successfully");
    return Optional.empty();
  }

  private static void add(
      Binding s,
      ComposeProject project,
      String service,
      String other,
      YamlNode node,
      String path,
      Condition condition,
      boolean required,
      List<Dependency> out) {
    if (other.equals(service)) {
      s.problemAt(node, path, "a service cannot depend on itself");
    } else if (!project.declared.contains(other)) {
      s.problemAt(node, path, "service '" + other + "' is not declared in this file");
    } else if (!project.activeServices.contains(other)) {
      if (required && project.activeServices.contains(service)) {
        s.problemAt(
            node,
            path,
            "service '"
                + other
                + "' does not run with the active profiles "
                + project.profiles
                + "; name one of its profiles for this host, or set required: false");
      }
    } else if (out.stream().anyMatch(d -> d.container().equals(project.containerOf(other)))) {
      s.problemAt(node, path, "service '" + other + "' is listed twice");
    } else {
      out.add(new Dependency(project.containerOf(other), condition));
    }
  }
}
