package io.stow.engine;

import io.stow.docker.ContainerState;
import io.stow.engine.state.SnapshotInfo;
import io.stow.engine.state.SnapshotStore;
import io.stow.model.ObservedContainer;
import io.stow.model.StowLabels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@link HostStatus}: the running snapshot, then one list and one inspect per container. */
final class HostStatusReader {

  private HostStatusReader() {}

  static HostStatus read(ReconcileContext context) {
    SnapshotStore store = new SnapshotStore(context.stateRoot(), context.clock());
    Optional<SnapshotInfo> running;
    try {
      running = store.current();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + store.runningConfig(), e);
    }
    List<HostStatus.Container> containers = new ArrayList<>();
    Optional<String> name = running.flatMap(SnapshotInfo::deploymentName);
    if (name.isPresent()) {
      for (ObservedContainer observed :
          context.docker().listContainers(Map.of(StowLabels.DEPLOYMENT, name.get()))) {
        context.docker().inspect(observed.id()).ifPresent(state -> containers.add(of(state)));
      }
    }
    return new HostStatus(
        name,
        running.map(SnapshotInfo::deploymentHash),
        running.flatMap(SnapshotInfo::revision),
        running.map(SnapshotInfo::dir),
        store.hasPrevious(),
        containers);
  }

  private static HostStatus.Container of(ContainerState state) {
    return new HostStatus.Container(
        state.name(),
        state.status(),
        state.running(),
        state.health(),
        state.restartCount(),
        state.startedAt(),
        state.label(StowLabels.HASH));
  }
}
