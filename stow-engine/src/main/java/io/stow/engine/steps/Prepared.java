package io.stow.engine.steps;

import io.stow.docker.ContainerCreateRequest;
import io.stow.engine.plan.Plan;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A target with its plan and, once {@link PrepareStep} has run, the create request of every
 * container the plan replaces.
 */
record Prepared(Target target, Plan plan, Map<String, ContainerCreateRequest> requests) {

  Prepared {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(plan, "plan");
    requests = Collections.unmodifiableMap(new LinkedHashMap<>(requests));
  }

  /** A planned target whose requests are not built yet. */
  static Prepared planned(Target target, Plan plan) {
    return new Prepared(target, plan, Map.of());
  }
}
