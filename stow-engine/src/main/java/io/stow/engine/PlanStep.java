package io.stow.engine;

import io.stow.docker.ContainerSummary;
import io.stow.engine.plan.Plan;
import io.stow.engine.plan.Planner;
import io.stow.model.Descriptor;
import java.util.List;

/** Plans noop / replace / delete with a reason per container (see {@link Planner}). */
final class PlanStep {

  Plan run(Descriptor desired, String deploymentHash, List<ContainerSummary> observed) {
    return Planner.plan(desired, deploymentHash, observed);
  }
}
