package io.stow.engine;

import io.stow.docker.ContainerSummary;
import io.stow.docker.DockerHost;
import io.stow.model.StowLabels;
import java.util.List;
import java.util.Map;

/** Lists the containers labelled {@code stow.deployment=<name>}, running or not. */
final class InspectStep {

  private final DockerHost docker;

  InspectStep(DockerHost docker) {
    this.docker = docker;
  }

  List<ContainerSummary> run(String deploymentName) {
    return docker.listContainers(Map.of(StowLabels.DEPLOYMENT, deploymentName));
  }
}
