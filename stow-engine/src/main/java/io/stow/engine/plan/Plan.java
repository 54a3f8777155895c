package io.stow.engine.plan;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a reconcile will do: one action per desired container (in descriptor order), then one delete
 * per managed container that the descriptor no longer declares.
 *
 * @param deploymentName the {@code deployment.name} of the desired descriptor
 * @param deploymentHash the desired deployment hash (lower-case hex, without {@code v1:})
 */
public record Plan(String deploymentName, String deploymentHash, List<PlannedAction> actions) {

  public Plan {
    Objects.requireNonNull(deploymentName, "deploymentName");
    Objects.requireNonNull(deploymentHash, "deploymentHash");
    actions = List.copyOf(actions);
  }

  /** Whether every action is a noop. */
  public boolean isNoop() {
    return actions.stream().allMatch(a -> a.kind() == ActionKind.NOOP);
  }

  /** The names of the containers the plan leaves as they are. */
  public Set<String> unchanged() {
    return actions(ActionKind.NOOP).stream()
        .map(PlannedAction::container)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** The actions of this kind, in plan order. */
  public List<PlannedAction> actions(ActionKind kind) {
    return actions.stream().filter(a -> a.kind() == kind).toList();
  }

  /**
   * What the plan does to the host, for people (logs, reports, notifications): {@code 1 new, 1
   * replaced, 0 removed, 2 unchanged}. A replace of a container that does not exist yet creates it,
   * so it counts as new; only a replace of an existing (stopped or stale) container counts as
   * replaced. The plan's action kinds themselves stay noop, replace and delete.
   */
  public String summary() {
    long created =
        actions.stream()
            .filter(a -> a.kind() == ActionKind.REPLACE && a.observedId().isEmpty())
            .count();
    long replaced = actions(ActionKind.REPLACE).size() - created;
    return created
        + " new, "
        + replaced
        + " replaced, "
        + actions(ActionKind.DELETE).size()
        + " removed, "
        + actions(ActionKind.NOOP).size()
        + " unchanged";
  }
}
