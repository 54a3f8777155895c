package io.stow.engine;

import io.stow.docker.ContainerSummary;
import io.stow.docker.DockerHost;
import io.stow.engine.plan.Plan;
import io.stow.model.Descriptor;
import java.util.List;

/**
 * Plans a descriptor against the host: inspect the deployment's containers, plan, announce the plan
 * and check that the plan replaces no container this deployment does not manage. Shared by the
 * forward path and the rollback, which differ only in step names and in which plan the report
 * keeps.
 */
final class HostPlanner {

  private static final String ROLLBACK_PREFIX = "rollback.";

  private final RunRecorder rec;
  private final InspectStep inspect;
  private final PlanStep plan = new PlanStep();
  private final OwnershipStep ownership;

  HostPlanner(DockerHost docker, RunRecorder rec) {
    this.rec = rec;
    this.inspect = new InspectStep(docker);
    this.ownership = new OwnershipStep(docker);
  }

  /** Plans the desired state; this is the plan the report shows. */
  Plan planDesired(Descriptor descriptor, String deploymentHash) throws Exception {
    return run(descriptor, deploymentHash, "");
  }

  /** Plans the way back to a previous snapshot, under {@code rollback.*} step names. */
  Plan planRollback(Descriptor descriptor, String deploymentHash) throws Exception {
    return run(descriptor, deploymentHash, ROLLBACK_PREFIX);
  }

  private Plan run(Descriptor descriptor, String deploymentHash, String prefix) throws Exception {
    boolean rollback = !prefix.isEmpty();
    List<ContainerSummary> observed =
        rec.step(prefix + "inspect", () -> inspect.run(descriptor.deployment().name()));
    Plan p = rec.step(prefix + "plan", () -> plan.run(descriptor, deploymentHash, observed));
    if (!rollback) {
      rec.plan(p);
    }
    rec.emit(new ReconcileEvent.PlanReady(p, rollback));
    rec.step(prefix + "check-ownership", () -> ownership.run(p));
    return p;
  }
}
