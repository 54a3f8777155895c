package io.stow.engine.steps;

import io.stow.docker.ContainerCreateRequest;
import io.stow.docker.DockerHost;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.StepName;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.PlannedAction;
import io.stow.model.ImageRef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Makes every pinned image of the containers to replace present locally, before anything running is
 * touched: a failed pull fails the reconcile with the host unchanged. Images built from the folder
 * are the {@link BuildStep}'s.
 */
final class PullStep implements Step<Prepared, Void> {

  private final DockerHost docker;
  private final RunRecorder recorder;

  PullStep(DockerHost docker, RunRecorder recorder) {
    this.docker = docker;
    this.recorder = recorder;
  }

  @Override
  public StepName name() {
    return StepName.PULL;
  }

  @Override
  public Void run(Prepared prepared) {
    Map<String, ImageRef> images = new LinkedHashMap<>();
    for (PlannedAction action : prepared.plan().actions(ActionKind.REPLACE)) {
      ContainerCreateRequest request = prepared.requests().get(action.container());
      if (request != null && request.spec().build().isPresent()) {
        continue;
      }
      action.image().ifPresent(image -> images.putIfAbsent(image.pinned(), image));
    }
    for (ImageRef image : images.values()) {
      if (docker.imagePresent(image)) {
        recorder.emit(new ReconcileEvent.ImageReady(image.toString(), false));
        continue;
      }
      docker.pull(
          image,
          progress ->
              recorder.emit(
                  new ReconcileEvent.PullProgressed(
                      image.toString(),
                      progress.status(),
                      progress.layer(),
                      progress.current(),
                      progress.total())));
      recorder.emit(new ReconcileEvent.ImageReady(image.toString(), true));
    }
    return null;
  }
}
