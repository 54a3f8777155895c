package io.stow.engine.steps;

import io.stow.docker.BindMount;
import io.stow.docker.ContainerCreateRequest;
import io.stow.docker.DockerHost;
import io.stow.engine.FolderReferences;
import io.stow.engine.StepName;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.Plan;
import io.stow.engine.plan.PlannedAction;
import io.stow.engine.state.SnapshotStore;
import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.Dotenv;
import io.stow.model.NamedVolumeSpec;
import io.stow.model.NetworkSpec;
import io.stow.model.StowLabels;
import io.stow.model.VolumeSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the create request of every container the plan replaces, before anything is changed, so
 * that a missing or bad env file or volume source fails the reconcile early.
 *
 * <p>The environment is the env files (relative to the deployment folder, later files win) merged
 * with {@code env}. Volume sources resolve like the original tool: {@code runtime[/p]} to {@code
 * <stateRoot>/running-config[/p]}, absolute paths as they are, relative paths inside the
 * deployment's snapshot directory; a path escaping its base with {@code ..} is refused. Every
 * request is then checked by {@link DockerHost#checkCreate}, so a request Docker would refuse fails
 * here, before anything is stopped.
 */
final class PrepareStep implements Step<Prepared, Prepared> {

  private final SnapshotStore store;
  private final DockerHost docker;

  PrepareStep(SnapshotStore store, DockerHost docker) {
    this.store = store;
    this.docker = docker;
  }

  @Override
  public StepName name() {
    return StepName.PREPARE;
  }

  /**
   * Reads env files from the target's folder; relative volume sources point into its snapshot
   * directory.
   */
  @Override
  public Prepared run(Prepared planned) throws IOException {
    Target target = planned.target();
    Descriptor desired = target.descriptor();
    Plan plan = planned.plan();
    List<String> missing = new ArrayList<>(FolderReferences.problems(desired, target.folder()));
    missing.addAll(missingExternals(desired));
    if (!missing.isEmpty()) {
      throw new StepFailure(String.join("; ", missing));
    }
    Map<String, ContainerCreateRequest> requests = new LinkedHashMap<>();
    for (PlannedAction action : plan.actions(ActionKind.REPLACE)) {
      ContainerSpec spec =
          desired
              .container(action.container())
              .orElseThrow(() -> new IllegalStateException("plan and descriptor disagree"));
      ContainerCreateRequest request =
          new ContainerCreateRequest(
              spec,
              environment(spec, target.folder()),
              binds(spec, target.snapshotDir()),
              labels(spec, plan));
      docker.checkCreate(request);
      requests.put(spec.name(), request);
    }
    return new Prepared(target, plan, requests);
  }

  /** External networks and volumes are joined, never created: they must exist. */
  private List<String> missingExternals(Descriptor desired) {
    List<String> missing = new ArrayList<>();
    for (NetworkSpec network : desired.networks()) {
      if (network.external() && !docker.networkExists(network.name())) {
        missing.add(
            "the external network "
                + network.name()
                + " does not exist; create it (docker network create "
                + network.name()
                + ") or drop external");
      }
    }
    for (NamedVolumeSpec volume : desired.volumes()) {
      if (volume.external() && !docker.volumeExists(volume.name())) {
        missing.add(
            "the external volume "
                + volume.name()
                + " does not exist; create it (docker volume create "
                + volume.name()
                + ") or drop external");
      }
    }
    return missing;
  }

  private static Map<String, String> environment(ContainerSpec spec, Path folder)
      throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (int i = 0; i < spec.envFiles().size(); i++) {
      String name = spec.envFiles().get(i);
      String where = "container " + spec.name() + " envFiles[" + i + "] '" + name + "'";
      Path file = inside(folder, name);
      try {
        env.putAll(Dotenv.parse(Files.readString(file, StandardCharsets.UTF_8), where));
      } catch (IllegalArgumentException e) {
        throw new StepFailure(e.getMessage(), e);
      }
    }
    env.putAll(spec.env());
    return env;
  }

  private List<BindMount> binds(ContainerSpec spec, Path snapshotDir) {
    List<BindMount> binds = new ArrayList<>();
    for (VolumeSpec volume : spec.volumes()) {
      Path host =
          switch (volume.sourceKind()) {
            case RUNTIME -> inside(store.runningConfig(), volume.sourcePath());
            case ABSOLUTE -> Path.of(volume.sourcePath());
            case RELATIVE -> inside(snapshotDir, volume.sourcePath());
          };
      binds.add(new BindMount(host.toString(), volume.target(), volume.bindOptions()));
    }
    return binds;
  }

  private static Map<String, String> labels(ContainerSpec spec, Plan plan) {
    Map<String, String> labels = new LinkedHashMap<>(spec.labels());
    labels.put(StowLabels.DEPLOYMENT, plan.deploymentName());
    labels.put(StowLabels.HASH, StowLabels.hashValue(plan.deploymentHash()));
    return labels;
  }

  /** {@link FolderReferences} has checked that {@code relative} stays inside. */
  private static Path inside(Path base, String relative) {
    return relative.isEmpty() ? base : base.resolve(relative).normalize();
  }
}
