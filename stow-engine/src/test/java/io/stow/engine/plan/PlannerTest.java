package io.stow.engine.plan;

import static io.stow.engine.TestDescriptors.DB_V1;
import static io.stow.engine.TestDescriptors.WEB_V1;
import static io.stow.engine.TestDescriptors.container;
import static io.stow.engine.TestDescriptors.descriptor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.stow.model.Descriptor;
import io.stow.model.ObservedContainer;
import io.stow.model.StowLabels;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlannerTest {

  private static final String OLD = "abc";
  private static final String NEW = "def";
  private final Descriptor desired =
      descriptor("demo", container("web", WEB_V1), container("db", DB_V1));

  private static ObservedContainer observed(
      String name, boolean running, Map<String, String> labels) {
    return new ObservedContainer(
        "id-" + name, name, "img", labels, running ? "running" : "exited", running, false);
  }

  private static Map<String, String> labels(String deployment, String hash) {
    Map<String, String> labels = new HashMap<>();
    if (deployment != null) {
      labels.put(StowLabels.DEPLOYMENT, deployment);
    }
    if (hash != null) {
      labels.put(StowLabels.HASH, StowLabels.hashValue(hash));
    }
    return labels;
  }

  private PlannedAction actionFor(Plan plan, String name) {
    return plan.actions().stream()
        .filter(a -> a.container().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void plan_replacesMissingContainer() {
    Plan plan = Planner.plan(desired, NEW, List.of());

    assertThat(plan.actions())
        .extracting(PlannedAction::container, PlannedAction::kind, PlannedAction::reason)
        .containsExactly(
            tuple("web", ActionKind.REPLACE, "missing"),
            tuple("db", ActionKind.REPLACE, "missing"));
    assertThat(actionFor(plan, "web").observedId()).isEmpty();
  }

  @Test
  void plan_replacesStoppedContainer() {
    Plan plan = Planner.plan(desired, NEW, List.of(observed("web", false, labels("demo", NEW))));

    assertThat(actionFor(plan, "web").kind()).isEqualTo(ActionKind.REPLACE);
    assertThat(actionFor(plan, "web").reason()).isEqualTo("stopped");
    assertThat(actionFor(plan, "web").observedId()).contains("id-web");
  }

  @Test
  void plan_replacesContainerWithStaleHash() {
    Plan plan = Planner.plan(desired, NEW, List.of(observed("web", true, labels("demo", OLD))));

    assertThat(actionFor(plan, "web").kind()).isEqualTo(ActionKind.REPLACE);
    assertThat(actionFor(plan, "web").reason()).isEqualTo("stale-hash v1:abc -> v1:def");
  }

  @Test
  void plan_staleHashWithoutHashLabelSaysNone() {
    Plan plan = Planner.plan(desired, NEW, List.of(observed("web", true, labels("demo", null))));

    assertThat(actionFor(plan, "web").reason()).isEqualTo("stale-hash none -> v1:def");
  }

  @Test
  void plan_noopWhenRunningWithBothLabels() {
    Plan plan =
        Planner.plan(
            desired,
            NEW,
            List.of(
                observed("web", true, labels("demo", NEW)),
                observed("db", true, labels("demo", NEW))));

    assertThat(plan.isNoop()).isTrue();
    assertThat(plan.actions()).extracting(PlannedAction::reason).containsOnly("up-to-date");
    assertThat(plan.summary()).isEqualTo("0 new, 0 replaced, 0 removed, 2 unchanged");
  }

  @Test
  void summary_countsContainersThatDoNotExistYetAsNewNotReplaced() {
    Plan first = Planner.plan(desired, NEW, List.of());
    Plan mixed =
        Planner.plan(
            descriptor(
                "demo",
                container("web", WEB_V1),
                container("db", DB_V1),
                container("new", DB_V1),
                container("cache", DB_V1)),
            NEW,
            List.of(
                observed("cache", true, labels("demo", NEW)),
                observed("web", true, labels("demo", OLD)),
                observed("db", false, labels("demo", NEW)),
                observed("worker", true, labels("demo", OLD))));

    assertThat(first.summary()).isEqualTo("2 new, 0 replaced, 0 removed, 0 unchanged");
    // web is stale and db stopped: both exist and are replaced; worker left the descriptor
    assertThat(mixed.summary()).isEqualTo("1 new, 2 replaced, 1 removed, 1 unchanged");
  }

  @Test
  void plan_deletesManagedContainerNotInManifest() {
    Plan plan =
        Planner.plan(
            desired,
            NEW,
            List.of(
                observed("web", true, labels("demo", NEW)),
                observed("db", true, labels("demo", NEW)),
                observed("worker", true, labels("demo", OLD))));

    assertThat(plan.actions().get(2))
        .extracting(PlannedAction::container, PlannedAction::kind, PlannedAction::reason)
        .containsExactly("worker", ActionKind.DELETE, "not-in-manifest");
    assertThat(plan.actions().get(2).image()).isEmpty();
  }

  @Test
  void plan_ignoresContainersOfOtherDeploymentsAndUnlabelledOnes() {
    Plan plan =
        Planner.plan(
            desired,
            NEW,
            List.of(
                observed("web", true, labels("other", NEW)),
                observed("cache", true, labels(null, null)),
                observed("worker", true, labels("other", OLD))));

    assertThat(plan.actions())
        .extracting(PlannedAction::container, PlannedAction::kind, PlannedAction::reason)
        .containsExactly(
            tuple("web", ActionKind.REPLACE, "missing"),
            tuple("db", ActionKind.REPLACE, "missing"));
  }

  @Test
  void plan_stoppedWinsOverStaleHash() {
    Plan plan = Planner.plan(desired, NEW, List.of(observed("web", false, labels("demo", OLD))));

    assertThat(actionFor(plan, "web").reason()).isEqualTo("stopped");
  }

  @Test
  void plan_carriesDeploymentNameAndHash() {
    Plan plan = Planner.plan(desired, NEW, List.of());

    assertThat(plan.deploymentName()).isEqualTo("demo");
    assertThat(plan.deploymentHash()).isEqualTo(NEW);
    assertThat(actionFor(plan, "web").describe()).isEqualTo("replace web (missing)");
  }
}
