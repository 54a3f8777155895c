package io.stow.engine.steps;

import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.PlannedAction;
import io.stow.model.ContainerSpec;
import io.stow.model.Dependency;
import io.stow.model.Descriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order of an apply when containers depend on each other ({@code depends_on}): a container is
 * created in the wave after every container it depends on, and removed in a wave before them, so
 * dependants stop first and start last. Without dependencies there is one wave, as before.
 */
final class ApplyOrder {

  private final Map<String, Integer> depth = new HashMap<>();
  private final Descriptor desired;

  ApplyOrder(Descriptor desired) {
    this.desired = desired;
  }

  /** The actions to create, wave by wave (dependencies first), in plan order within a wave. */
  List<List<PlannedAction>> creation(List<PlannedAction> actions) {
    return waves(actions, false);
  }

  /** The actions to remove, wave by wave (dependants first); deleted containers go first. */
  List<List<PlannedAction>> removal(List<PlannedAction> actions) {
    return waves(actions, true);
  }

  private List<List<PlannedAction>> waves(List<PlannedAction> actions, boolean reverse) {
    int deepest = 0;
    for (PlannedAction action : actions) {
      deepest = Math.max(deepest, depthOf(action.container()));
    }
    List<List<PlannedAction>> waves = new ArrayList<>();
    for (int i = 0; i <= deepest; i++) {
      waves.add(new ArrayList<>());
    }
    for (PlannedAction action : actions) {
      int level = depthOf(action.container());
      int wave =
          action.kind() == ActionKind.DELETE && reverse ? 0 : reverse ? deepest - level : level;
      waves.get(wave).add(action);
    }
    waves.removeIf(List::isEmpty);
    return waves;
  }

  /** 0 for a container without dependencies, else one more than its deepest dependency. */
  private int depthOf(String container) {
    Integer known = depth.get(container);
    if (known != null) {
      return known;
    }
    depth.put(container, 0); // cycles are refused when the file is read; this only bounds them
    Optional<ContainerSpec> spec = desired.container(container);
    int level = 0;
    if (spec.isPresent()) {
      for (Dependency dependency : spec.get().dependsOn()) {
        level = Math.max(level, depthOf(dependency.container()) + 1);
      }
    }
    depth.put(container, level);
    return level;
  }
}
