package io.stow.engine;

import io.stow.docker.ContainerState;
import io.stow.engine.plan.Plan;
import io.stow.engine.plan.Planner;
import io.stow.model.Descriptor;
import java.util.List;

/** Plans noop / replace / delete with a reason per container (see {@link Planner}). */
final class PlanStep {

  Plan run(Descriptor desired, String deploymentHash, List<ContainerState> observed) {
    return Planner.plan(desired, deploymentHash, observed);
  }
}
