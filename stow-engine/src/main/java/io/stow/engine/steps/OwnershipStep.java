package io.stow.engine.steps;

import io.stow.docker.ContainerState;
import io.stow.docker.DockerHost;
import io.stow.engine.StepName;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.Plan;
import io.stow.engine.plan.PlannedAction;
import io.stow.model.StowLabels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fails safe, before anything is stopped, when a container the plan would create has the name of a
 * container that this deployment does not manage. stow never removes such a container.
 */
final class OwnershipStep implements Step<Plan, Void> {

  private final DockerHost docker;

  OwnershipStep(DockerHost docker) {
    this.docker = docker;
  }

  @Override
  public StepName name() {
    return StepName.CHECK_OWNERSHIP;
  }

  @Override
  public Void run(Plan plan) {
    List<String> conflicts = new ArrayList<>();
    for (PlannedAction action : plan.actions(ActionKind.REPLACE)) {
      Optional<ContainerState> existing = docker.inspect(action.container());
      if (existing.isEmpty()) {
        continue;
      }
      String owner = existing.get().labels().get(StowLabels.DEPLOYMENT);
      if (!plan.deploymentName().equals(owner)) {
        conflicts.add(
            "'"
                + action.container()
                + "' ("
                + (owner == null
                    ? "no " + StowLabels.DEPLOYMENT + " label"
                    : StowLabels.DEPLOYMENT + "=" + owner)
                + ")");
      }
    }
    if (!conflicts.isEmpty()) {
      throw new StepFailure(
          "container name(s) "
              + String.join(", ", conflicts)
              + " already exist but are not managed by deployment '"
              + plan.deploymentName()
              + "'; stow never stops or removes a container it does not manage: remove or"
              + " rename it by hand, or choose another name in stow.yaml");
    }
    return null;
  }
}
