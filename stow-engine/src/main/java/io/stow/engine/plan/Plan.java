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

  /** {@code 1 replace, 2 noop, 0 delete}. */
  public String summary() {
    return actions(ActionKind.REPLACE).size()
        + " replace, "
        + actions(ActionKind.NOOP).size()
        + " noop, "
        + actions(ActionKind.DELETE).size()
        + " delete";
  }
}
