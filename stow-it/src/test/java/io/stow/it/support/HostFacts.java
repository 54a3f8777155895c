package io.stow.it.support;

import io.stow.docker.ContainerState;
import io.stow.model.StowLabels;
import java.util.Map;
import java.util.TreeMap;

/** What Docker reports about a deployment's containers, for before/after comparisons. */
public final class HostFacts {

  private HostFacts() {}

  /** Every container labelled {@code stow.deployment=<deployment>}, by name, fully inspected. */
  public static Map<String, ContainerState> containers(TestDocker docker, String deployment) {
    Map<String, ContainerState> byName = new TreeMap<>();
    docker.host().listContainers(Map.of(StowLabels.DEPLOYMENT, deployment)).stream()
        .flatMap(c -> docker.host().inspect(c.id()).stream())
        .forEach(c -> byName.put(c.name(), c));
    return byName;
  }

  /**
   * Per container of the deployment: id, status, StartedAt and RestartCount, which change when a
   * container is replaced, stopped or restarted.
   */
  public static Map<String, String> fingerprint(TestDocker docker, String deployment) {
    Map<String, String> result = new TreeMap<>();
    containers(docker, deployment)
        .forEach(
            (name, c) ->
                result.put(
                    name,
                    c.id()
                        + " "
                        + c.status()
                        + " started="
                        + c.startedAt().map(Object::toString).orElse("-")
                        + " restarts="
                        + c.restartCount()));
    return result;
  }
}
