package io.stow.engine;

import io.stow.docker.ContainerCreateRequest;
import io.stow.docker.ContainerState;
import io.stow.docker.DockerHost;
import io.stow.engine.ContainerOutcome.Result;
import io.stow.engine.ReconcileEvent.Change;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.Plan;
import io.stow.engine.plan.PlannedAction;
import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.NetworkSpec;
import io.stow.model.StowLabels;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Applies a plan: stops and removes the containers to replace or delete (after checking, by name,
 * that each still carries this deployment's label), ensures the declared networks, then creates and
 * starts the replacements with the user's labels plus the stow labels.
 */
final class ApplyStep {

  private final DockerHost docker;
  private final RunRecorder recorder;
  private final Duration defaultStopTimeout;

  ApplyStep(DockerHost docker, RunRecorder recorder, Duration defaultStopTimeout) {
    this.docker = docker;
    this.recorder = recorder;
    this.defaultStopTimeout = defaultStopTimeout;
  }

  /**
   * @param outcomes receives each container's outcome as it happens (the rollback records its own)
   */
  void run(
      Descriptor desired,
      Plan plan,
      Map<String, ContainerCreateRequest> requests,
      java.util.function.Consumer<ContainerOutcome> outcomes) {
    for (PlannedAction action : plan.actions()) {
      if (action.kind() == ActionKind.NOOP) {
        continue;
      }
      try {
        removeExisting(action, plan.deploymentName(), stopTimeout(desired, action));
      } catch (RuntimeException e) {
        outcomes.accept(failed(action, e));
        throw e;
      }
      if (action.kind() == ActionKind.DELETE) {
        outcomes.accept(
            new ContainerOutcome(
                action.container(), ActionKind.DELETE, Result.DELETED, Optional.empty()));
      }
    }
    for (NetworkSpec network : desired.networks()) {
      docker.ensureNetwork(network.name(), Map.of(StowLabels.DEPLOYMENT, plan.deploymentName()));
      recorder.emit(new ReconcileEvent.NetworkEnsured(network.name()));
    }
    for (PlannedAction action : plan.actions(ActionKind.REPLACE)) {
      ContainerCreateRequest request = requests.get(action.container());
      if (request == null) {
        throw new IllegalStateException("no create request for " + action.container());
      }
      try {
        String id = docker.create(request);
        recorder.emit(new ReconcileEvent.ContainerChanged(action.container(), Change.CREATED));
        docker.start(id);
        recorder.emit(new ReconcileEvent.ContainerChanged(action.container(), Change.STARTED));
      } catch (RuntimeException e) {
        outcomes.accept(failed(action, e));
        throw e;
      }
      outcomes.accept(
          new ContainerOutcome(
              action.container(), ActionKind.REPLACE, Result.STARTED, Optional.empty()));
    }
  }

  private void removeExisting(PlannedAction action, String deployment, Duration stopTimeout) {
    Optional<ContainerState> existing = docker.inspect(action.container());
    if (existing.isEmpty()) {
      return;
    }
    ContainerState state = existing.get();
    String owner = state.labels().get(StowLabels.DEPLOYMENT);
    if (!deployment.equals(owner)) {
      throw new StepFailure(
          "container '"
              + action.container()
              + "' is no longer labelled "
              + StowLabels.DEPLOYMENT
              + "="
              + deployment
              + " (found "
              + (owner == null ? "no label" : owner)
              + "); stow never stops a container it does not manage: remove or rename it by"
              + " hand");
    }
    if (state.running() || state.restarting()) {
      docker.stop(state.id(), stopTimeout);
      recorder.emit(new ReconcileEvent.ContainerChanged(action.container(), Change.STOPPED));
    }
    docker.remove(state.id());
    recorder.emit(new ReconcileEvent.ContainerChanged(action.container(), Change.REMOVED));
  }

  private Duration stopTimeout(Descriptor desired, PlannedAction action) {
    return desired
        .container(action.container())
        .flatMap(ContainerSpec::stopTimeout)
        .orElse(defaultStopTimeout);
  }

  private static ContainerOutcome failed(PlannedAction action, RuntimeException e) {
    return new ContainerOutcome(
        action.container(),
        action.kind(),
        Result.FAILED,
        Optional.ofNullable(e.getMessage()).or(() -> Optional.of(e.getClass().getSimpleName())));
  }
}
