package io.stow.model.parse;

import io.stow.model.ContainerSpec;
import io.stow.model.Dependency;
import io.stow.model.RestartPolicy;
import io.stow.model.parse.YamlNode.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks across the services: container names are unique, {@code depends_on} has no cycle, and a
 * service others wait on to complete does not restart forever (it would never complete).
 */
final class ComposeGraph {

  private ComposeGraph() {}

  static void check(
      Binding top, ComposeProject project, List<Entry> entries, List<ContainerSpec> containers) {
    Map<String, String> owners = new HashMap<>();
    for (Entry entry : entries) {
      if (!project.activeServices.contains(entry.key())) {
        continue;
      }
      String container = project.containerOf(entry.key());
      String other = owners.putIfAbsent(container, entry.key());
      if (other != null) {
        top.findings()
            .errors
            .add(
                new Problem(
                    top.findings().file,
                    "services." + entry.key(),
                    entry.line(),
                    entry.column(),
                    "container name '"
                        + container
                        + "' is also service "
                        + other
                        + "'s; container names must be unique"));
      }
    }
    Map<String, ContainerSpec> byName = new HashMap<>();
    containers.forEach(c -> byName.put(c.name(), c));
    cycles(top, byName);
    for (ContainerSpec spec : containers) {
      for (Dependency dependency : spec.dependsOn()) {
        ContainerSpec job = byName.get(dependency.container());
        boolean restarts =
            job != null
                && job.restartPolicy()
                    .map(
                        p ->
                            p.mode() == RestartPolicy.Mode.ALWAYS
                                || p.mode() == RestartPolicy.Mode.UNLESS_STOPPED)
                    .orElse(false);
        if (dependency.condition() == Dependency.Condition.COMPLETED_SUCCESSFULLY && restarts) {
          top.problem(
              "service container "
                  + job.name()
                  + " must complete (another service waits for service_completed_successfully) but"
                  + " restarts "
                  + job.restartPolicy().get()
                  + "; give it restart: \"no\" or on-failure");
        }
      }
    }
  }

  private static void cycles(Binding top, Map<String, ContainerSpec> byName) {
    Set<String> done = new HashSet<>();
    for (String name : byName.keySet().stream().sorted().toList()) {
      List<String> path = new ArrayList<>();
      if (visit(name, byName, done, new HashSet<>(), path)) {
        top.problem(
            "services",
            "depends_on forms a cycle: "
                + String.join(" -> ", path)
                + "; no container could start");
        return;
      }
    }
  }

  private static boolean visit(
      String name,
      Map<String, ContainerSpec> byName,
      Set<String> done,
      Set<String> onPath,
      List<String> path) {
    if (done.contains(name)) {
      return false;
    }
    path.add(name);
    if (!onPath.add(name)) {
      return true;
    }
    ContainerSpec spec = byName.get(name);
    if (spec != null) {
      for (Dependency dependency : spec.dependsOn()) {
        if (visit(dependency.container(), byName, done, onPath, path)) {
          return true;
        }
      }
    }
    onPath.remove(name);
    path.remove(path.size() - 1);
    done.add(name);
    return false;
  }
}
