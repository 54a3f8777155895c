package io.stow.engine.plan;

import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.ObservedContainer;
import io.stow.model.StowLabels;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, without touching Docker, what to do with each container.
 *
 * <p>A desired container is a noop only when it is running and carries both {@code
 * stow.deployment=<name>} and {@code stow.hash=v1:<deployment_hash>}; a missing, stopped or
 * stale-hash container is replaced; a container labelled with this deployment that the descriptor
 * no longer declares is deleted. A job that runs to completion (another container waits for it with
 * {@code service_completed_successfully}) is a noop when it exited with code 0 and carries both
 * labels: it ran for this deployment already. Observed containers labelled for another deployment
 * (or not at all) are ignored here: the engine's ownership check refuses to touch them.
 */
public final class Planner {

  private Planner() {}

  /**
   * Plans the reconcile.
   *
   * @param desired the descriptor to converge to
   * @param deploymentHash the desired deployment hash (lower-case hex, without {@code v1:})
   * @param observed the containers Docker reports; only those labelled for this deployment count
   */
  public static Plan plan(
      Descriptor desired, String deploymentHash, List<ObservedContainer> observed) {
    Objects.requireNonNull(desired, "desired");
    Objects.requireNonNull(deploymentHash, "deploymentHash");
    Objects.requireNonNull(observed, "observed");
    String deployment = desired.deployment().name();
    String expectedHash = StowLabels.hashValue(deploymentHash);
    Map<String, ObservedContainer> managed = new LinkedHashMap<>();
    for (ObservedContainer state : observed) {
      if (deployment.equals(state.labels().get(StowLabels.DEPLOYMENT))) {
        managed.put(state.name(), state);
      }
    }
    List<PlannedAction> actions = new ArrayList<>();
    Set<String> jobs = desired.jobs();
    for (ContainerSpec spec : desired.containers()) {
      actions.add(
          planDesired(spec, managed.remove(spec.name()), expectedHash, jobs.contains(spec.name())));
    }
    for (ObservedContainer orphan : managed.values()) {
      actions.add(
          new PlannedAction(
              orphan.name(),
              ActionKind.DELETE,
              PlannedAction.NOT_IN_MANIFEST,
              Optional.of(orphan.id()),
              Optional.empty()));
    }
    return new Plan(deployment, deploymentHash, actions);
  }

  private static PlannedAction planDesired(
      ContainerSpec spec, ObservedContainer state, String expectedHash, boolean job) {
    Optional<ObservedContainer> found = Optional.ofNullable(state);
    Optional<String> id = found.map(ObservedContainer::id);
    if (state == null) {
      return replace(spec, PlannedAction.MISSING, id);
    }
    String actualHash = state.labels().get(StowLabels.HASH);
    if (job && state.completedSuccessfully() && expectedHash.equals(actualHash)) {
      return new PlannedAction(
          spec.name(), ActionKind.NOOP, PlannedAction.COMPLETED, id, Optional.of(spec.image()));
    }
    if (!state.running()) {
      return replace(spec, PlannedAction.STOPPED, id);
    }
    if (!expectedHash.equals(actualHash)) {
      String from = actualHash == null ? "none" : actualHash;
      return replace(spec, PlannedAction.STALE_HASH + " " + from + " -> " + expectedHash, id);
    }
    return new PlannedAction(
        spec.name(), ActionKind.NOOP, PlannedAction.UP_TO_DATE, id, Optional.of(spec.image()));
  }

  private static PlannedAction replace(ContainerSpec spec, String reason, Optional<String> id) {
    return new PlannedAction(
        spec.name(), ActionKind.REPLACE, reason, id, Optional.of(spec.image()));
  }
}
