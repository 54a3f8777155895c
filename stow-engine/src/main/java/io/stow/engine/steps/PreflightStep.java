package io.stow.engine.steps;

import io.stow.docker.ContainerCreateRequest;
import io.stow.docker.DockerHost;
import io.stow.docker.PublishedPort;
import io.stow.engine.StepName;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.PlannedAction;
import io.stow.model.PortRange;
import io.stow.model.PublishSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks, before anything is stopped, that every fixed host port the new containers publish is
 * free: not published by a container outside this plan's replacements (a port held by a container
 * this plan replaces or deletes is fine: it goes first), not held by another process of the host,
 * and not wanted twice. Otherwise the conflict would show only at start, after the old container is
 * gone, and cost a rollback.
 */
final class PreflightStep implements Step<Prepared, Void> {

  private final DockerHost docker;

  PreflightStep(DockerHost docker) {
    this.docker = docker;
  }

  @Override
  public StepName name() {
    return StepName.PREFLIGHT;
  }

  @Override
  public Void run(Prepared prepared) {
    List<Wanted> wanted = wanted(prepared.requests());
    if (wanted.isEmpty()) {
      return null;
    }
    Set<String> leaving = new HashSet<>();
    for (PlannedAction action : prepared.plan().actions()) {
      if (action.kind() != ActionKind.NOOP) {
        leaving.add(action.container());
      }
    }
    List<PublishedPort> published = docker.publishedPorts();
    List<String> conflicts = new ArrayList<>();
    Map<String, String> claimed = new HashMap<>();
    for (Wanted w : wanted) {
      String key = w.port() + "/" + w.protocol() + "@" + w.ip();
      String other = claimed.putIfAbsent(key, w.container());
      if (other != null && !other.equals(w.container())) {
        conflicts.add(w.describe() + " is published by both " + other + " and " + w.container());
        continue;
      }
      boolean heldByALeaver = false;
      String holder = null;
      for (PublishedPort p : published) {
        if (p.collidesWith(w.ip(), w.port(), w.protocol())) {
          if (leaving.contains(p.container())) {
            heldByALeaver = true;
          } else {
            holder = p.container();
          }
        }
      }
      if (holder != null) {
        conflicts.add(w.describe() + " is already published by container " + holder);
      } else if (!heldByALeaver && !docker.hostPortFree(w.ip(), w.port(), w.protocol())) {
        conflicts.add(w.describe() + " is in use by another process on the host");
      }
    }
    if (!conflicts.isEmpty()) {
      throw new StepFailure(
          String.join("; ", conflicts)
              + "; free the port or publish another one in stow.yaml (nothing was stopped)");
    }
    return null;
  }

  /** A fixed host port one new container wants. */
  private record Wanted(String container, String ip, int port, String protocol) {
    String describe() {
      return "host port "
          + (ip.isEmpty() ? "" : ip + ":")
          + port
          + "/"
          + protocol
          + " (container "
          + container
          + ")";
    }
  }

  private static List<Wanted> wanted(Map<String, ContainerCreateRequest> requests) {
    List<Wanted> wanted = new ArrayList<>();
    for (ContainerCreateRequest request : requests.values()) {
      for (PublishSpec publish : request.spec().publish()) {
        if (publish.hostPorts().isEmpty()) {
          continue; // ephemeral: Docker picks a free one
        }
        PortRange hosts = publish.hostPorts().get();
        if (publish.containerPorts().size() == 1 && hosts.size() > 1) {
          continue; // Docker picks a free one from the range
        }
        for (int port = hosts.first(); port <= hosts.last(); port++) {
          wanted.add(
              new Wanted(request.name(), publish.hostIp().orElse(""), port, publish.protocol()));
        }
      }
    }
    return wanted;
  }
}
