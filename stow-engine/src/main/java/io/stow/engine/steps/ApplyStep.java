package io.stow.engine.steps;

import io.stow.docker.ContainerCreateRequest;
import io.stow.docker.ContainerState;
import io.stow.docker.DockerHost;
import io.stow.engine.ContainerOutcome;
import io.stow.engine.ContainerOutcome.Result;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileEvent.Change;
import io.stow.engine.StepName;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.Plan;
import io.stow.engine.plan.PlannedAction;
import io.stow.model.ContainerSpec;
import io.stow.model.Dependency;
import io.stow.model.Descriptor;
import io.stow.model.NamedVolumeSpec;
import io.stow.model.NetworkSpec;
import io.stow.model.StowLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies a plan: stops and removes the containers to replace or delete (after checking, by name,
 * that each still carries this deployment's label), ensures the declared named volumes and
 * networks, then creates and starts the replacements with the user's labels plus the stow labels.
 * Within each phase, containers are handled a few at a time (stop timeouts add up otherwise). When
 * containers depend on each other ({@code depends_on}), dependants are removed first and created
 * last, wave by wave, and each waits until its dependencies reach their conditions ({@link
 * DependencyWaits}).
 */
final class ApplyStep implements Step<ApplyStep.Input, Void> {

  private final DockerHost docker;
  private final RunRecorder recorder;
  private final StopTimeouts stopTimeouts;
  private final ParallelActions actions;
  private final DependencyWaits waits;

  ApplyStep(
      DockerHost docker,
      RunRecorder recorder,
      StopTimeouts stopTimeouts,
      int concurrency,
      DependencyWaits waits) {
    this.docker = docker;
    this.recorder = recorder;
    this.stopTimeouts = stopTimeouts;
    this.actions = new ParallelActions(concurrency);
    this.waits = waits;
  }

  /**
   * A prepared target and where each container's outcome goes, in plan order (the forward path
   * records them in the report, a rollback in its own).
   *
   * @param replaced the descriptor of the deployment the host moves away from, when known (the
   *     running one on the forward path, the failed one in a rollback): the containers the plan
   *     deletes belong to it, so their stop timeouts come from it
   */
  record Input(
      Prepared prepared, Optional<Descriptor> replaced, Consumer<ContainerOutcome> outcomes) {

    Input {
      Objects.requireNonNull(prepared, "prepared");
      Objects.requireNonNull(replaced, "replaced");
      Objects.requireNonNull(outcomes, "outcomes");
    }
  }

  @Override
  public StepName name() {
    return StepName.APPLY;
  }

  @Override
  public Void run(Input input) throws InterruptedException {
    Descriptor desired = input.prepared().target().descriptor();
    Plan plan = input.prepared().plan();
    Map<String, ContainerCreateRequest> requests = input.prepared().requests();
    Consumer<ContainerOutcome> outcomes = input.outcomes();
    List<Descriptor> owners = new ArrayList<>(List.of(desired));
    input.replaced().ifPresent(owners::add);
    ApplyOrder order = new ApplyOrder(desired);
    List<PlannedAction> changes =
        plan.actions().stream().filter(a -> a.kind() != ActionKind.NOOP).toList();
    for (List<PlannedAction> wave : order.removal(changes)) {
      actions.run(
          wave,
          action -> {
            removeExisting(
                action, plan.deploymentName(), stopTimeouts.of(action.container(), owners));
            return action.kind() == ActionKind.DELETE
                ? Optional.of(outcome(action, Result.DELETED))
                : Optional.empty();
          },
          outcomes);
    }
    Map<String, String> owner = Map.of(StowLabels.DEPLOYMENT, plan.deploymentName());
    for (NamedVolumeSpec volume : desired.volumes()) {
      docker.ensureVolume(volume, owner);
      recorder.emit(new ReconcileEvent.VolumeEnsured(volume.name()));
    }
    for (NetworkSpec network : desired.networks()) {
      if (network.plain()) {
        docker.ensureNetwork(network.name(), owner);
      } else {
        docker.ensureNetwork(network, owner);
      }
      recorder.emit(new ReconcileEvent.NetworkEnsured(network.name()));
    }
    Duration waitLimit = desired.deployment().verify().timeout();
    for (List<PlannedAction> wave : order.creation(plan.actions(ActionKind.REPLACE))) {
      awaitDependencies(desired, wave, waitLimit);
      actions.run(
          wave,
          action -> {
            ContainerCreateRequest request = requests.get(action.container());
            if (request == null) {
              throw new IllegalStateException("no create request for " + action.container());
            }
            String id = docker.create(request);
            recorder.emit(new ReconcileEvent.ContainerChanged(action.container(), Change.CREATED));
            docker.start(id);
            recorder.emit(new ReconcileEvent.ContainerChanged(action.container(), Change.STARTED));
            return Optional.of(outcome(action, Result.STARTED));
          },
          outcomes);
    }
    return null;
  }

  /** Waits for what the wave's containers depend on, each dependency once. */
  private void awaitDependencies(Descriptor desired, List<PlannedAction> wave, Duration limit)
      throws InterruptedException {
    java.util.Set<Dependency> done = new java.util.HashSet<>();
    for (PlannedAction action : wave) {
      for (Dependency dependency :
          desired.container(action.container()).map(ContainerSpec::dependsOn).orElse(List.of())) {
        if (done.add(dependency)) {
          Duration waited = waits.await(action.container(), dependency, limit);
          recorder.emit(
              new ReconcileEvent.DependencyReady(
                  action.container(),
                  dependency.container(),
                  dependency.condition().text(),
                  waited));
        }
      }
    }
  }

  private static ContainerOutcome outcome(PlannedAction action, Result result) {
    return new ContainerOutcome(action.container(), action.kind(), result, Optional.empty());
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
}
