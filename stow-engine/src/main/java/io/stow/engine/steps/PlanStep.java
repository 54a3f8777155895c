package io.stow.engine.steps;

import io.stow.docker.DockerHost;
import io.stow.engine.StepName;
import io.stow.engine.plan.Plan;
import io.stow.engine.plan.Planner;
import io.stow.model.ObservedContainer;
import io.stow.model.StowLabels;
import java.util.List;
import java.util.Map;

/**
 * Lists the containers labelled {@code stow.deployment=<name>} (running or not, one list call) and
 * plans noop / replace / delete with a reason per container (see {@link Planner}).
 */
final class PlanStep implements Step<Target, Plan> {

  private final DockerHost docker;

  PlanStep(DockerHost docker) {
    this.docker = docker;
  }

  @Override
  public StepName name() {
    return StepName.PLAN;
  }

  @Override
  public Plan run(Target target) {
    List<ObservedContainer> observed =
        docker.listContainers(Map.of(StowLabels.DEPLOYMENT, target.deploymentName()));
    return Planner.plan(target.descriptor(), target.deploymentHash(), observed);
  }
}
