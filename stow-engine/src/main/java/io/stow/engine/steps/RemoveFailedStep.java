package io.stow.engine.steps;

import io.stow.docker.DockerHost;
import io.stow.engine.ContainerOutcome;
import io.stow.engine.ContainerOutcome.Result;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileEvent.Change;
import io.stow.engine.RollbackReport;
import io.stow.engine.StepName;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.state.SnapshotStore;
import io.stow.model.Descriptor;
import io.stow.model.ObservedContainer;
import io.stow.model.StowLabels;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Rolls back a failed first deployment, which has nothing to return to: keeps the last log lines of
 * each container the failed apply created, stops and removes them, and drops {@code running-config}
 * so the host counts as never deployed. Containers of the deployment that the apply left alone
 * (planned as noop, e.g. after moving from another tool) keep running.
 */
final class RemoveFailedStep implements Step<RemoveFailedStep.Input, RollbackReport> {

  /**
   * The deployment and the containers its failed apply created; empty {@code created} means all of
   * the deployment's containers (an interrupted apply recorded before stow kept that list).
   *
   * @param failed the failed deployment's descriptor, which the containers belong to (their stop
   *     timeouts come from it); empty when it cannot be read any more
   */
  record Input(String deploymentName, Set<String> created, Optional<Descriptor> failed) {

    Input {
      Objects.requireNonNull(deploymentName, "deploymentName");
      created = Set.copyOf(created);
      Objects.requireNonNull(failed, "failed");
    }
  }

  private final DockerHost docker;
  private final SnapshotStore store;
  private final RunRecorder recorder;
  private final int logLines;
  private final StopTimeouts stopTimeouts;

  RemoveFailedStep(
      DockerHost docker,
      SnapshotStore store,
      RunRecorder recorder,
      int logLines,
      StopTimeouts stopTimeouts) {
    this.docker = docker;
    this.store = store;
    this.recorder = recorder;
    this.logLines = logLines;
    this.stopTimeouts = stopTimeouts;
  }

  @Override
  public StepName name() {
    return StepName.REMOVE_FAILED;
  }

  /** Never throws: a failure to remove a container is the report's error. */
  @Override
  public RollbackReport run(Input input) {
    String deploymentName = input.deploymentName();
    Map<String, List<String>> logs = new LinkedHashMap<>();
    List<ContainerOutcome> outcomes = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<Descriptor> owners = input.failed().stream().toList();
    List<ObservedContainer> containers =
        docker.listContainers(Map.of(StowLabels.DEPLOYMENT, deploymentName));
    for (ObservedContainer container : containers) {
      String name = container.name();
      if (!input.created().isEmpty() && !input.created().contains(name)) {
        continue;
      }
      try {
        logs.put(name, docker.logTail(container.id(), logLines));
      } catch (RuntimeException e) {
        logs.put(name, List.of("(logs unavailable: " + e.getMessage() + ")"));
      }
      try {
        if (container.running() || container.restarting()) {
          docker.stop(container.id(), stopTimeouts.of(name, owners));
          recorder.emit(new ReconcileEvent.ContainerChanged(name, Change.STOPPED));
        }
        docker.remove(container.id());
        recorder.emit(new ReconcileEvent.ContainerChanged(name, Change.REMOVED));
        outcomes.add(
            new ContainerOutcome(name, ActionKind.DELETE, Result.DELETED, Optional.empty()));
      } catch (RuntimeException e) {
        errors.add(name + ": " + e.getMessage());
        outcomes.add(
            new ContainerOutcome(
                name, ActionKind.DELETE, Result.FAILED, Optional.ofNullable(e.getMessage())));
      }
    }
    try {
      store.dropCurrent();
      if (errors.isEmpty()) {
        // while containers remain, the open first apply stays marked so the next run retries
        store.closeFirstApply();
      }
    } catch (IOException e) {
      errors.add("cannot remove " + store.runningConfig() + ": " + e.getMessage());
    }
    return new RollbackReport(
        RollbackReport.Kind.REMOVE_FAILED_CONTAINERS,
        errors.isEmpty(),
        Optional.empty(),
        Optional.empty(),
        outcomes,
        Optional.empty(),
        logs,
        errors.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", errors)));
  }
}
