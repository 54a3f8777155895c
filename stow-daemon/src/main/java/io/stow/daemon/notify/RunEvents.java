package io.stow.daemon.notify;

import io.stow.daemon.schedule.RunListener;
import io.stow.daemon.schedule.RunListener.Kind;
import io.stow.engine.ContainerOutcome;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.RollbackReport;
import io.stow.model.DeploymentHashes;
import io.stow.model.config.NotifyEvent;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Tells what a run was worth telling: {@code deployed} when a reconcile changed the host and its
 * verification passed, {@code drift-repaired} when a repair did, {@code failed}, {@code
 * rolled-back} and {@code rollback-failed} from a failed run's status (the rollback of an
 * interrupted apply at start is a {@code rolled-back}); nothing for a run that changed nothing.
 */
public final class RunEvents {

  private final String host;
  private final String folder;
  private final DeploymentFacts facts;

  public RunEvents(String host, String folder, DeploymentFacts facts) {
    this.host = Objects.requireNonNull(host, "host");
    this.folder = Objects.requireNonNull(folder, "folder");
    this.facts = Objects.requireNonNull(facts, "facts");
  }

  /** The notification of a run, or empty when there is nothing to tell. */
  public Optional<Notification> of(RunListener.Finished run) {
    Optional<ReconcileReport> report = run.report();
    report.ifPresent(facts::learn);
    return event(run).map(event -> notification(event, run));
  }

  static Optional<NotifyEvent> event(RunListener.Finished run) {
    Optional<ReconcileStatus> status = run.report().map(ReconcileReport::status);
    if (run.kind() == Kind.RECOVERY) {
      return Optional.of(
          run.error().isEmpty() && status.filter(ReconcileStatus::succeeded).isPresent()
              ? NotifyEvent.ROLLED_BACK
              : NotifyEvent.ROLLBACK_FAILED);
    }
    if (status.isEmpty()) {
      return run.error().isPresent() ? Optional.of(NotifyEvent.FAILED) : Optional.empty();
    }
    return switch (status.get()) {
      case SUCCEEDED ->
          run.error().isPresent()
              ? Optional.of(NotifyEvent.FAILED)
              : run.report().get().changedHost()
                  ? Optional.of(
                      run.kind() == Kind.REPAIR ? NotifyEvent.DRIFT_REPAIRED : NotifyEvent.DEPLOYED)
                  : Optional.empty();
      case FAILED_BEFORE_CHANGES -> Optional.of(NotifyEvent.FAILED);
      case FAILED_ROLLED_BACK -> Optional.of(NotifyEvent.ROLLED_BACK);
      case FAILED_ROLLBACK_FAILED -> Optional.of(NotifyEvent.ROLLBACK_FAILED);
    };
  }

  private Notification notification(NotifyEvent event, RunListener.Finished run) {
    Optional<ReconcileReport> report = run.report();
    Optional<String> commit = report.flatMap(ReconcileReport::revision);
    Optional<String> reason = run.error().or(() -> report.flatMap(ReconcileReport::failure));
    if (run.kind() == Kind.RECOVERY && reason.isEmpty()) {
      reason = Optional.of("an apply that an earlier run left open was rolled back at start");
    }
    return new Notification(
        event,
        host,
        folder,
        report.flatMap(ReconcileReport::deploymentName).or(facts::name),
        commit,
        report.flatMap(ReconcileReport::hashes).map(DeploymentHashes::deploymentHash),
        report.flatMap(ReconcileReport::runningHash),
        run.kind().name().toLowerCase(Locale.ROOT),
        report.map(r -> r.status().label()).orElse("failed"),
        reason,
        report.flatMap(r -> r.rollback().or(r::recovery)).map(RunEvents::rollback),
        report.map(r -> containers(r.containers())).orElse(List.of()),
        run.startedAt(),
        run.finishedAt(),
        facts.links(commit));
  }

  private static Notification.Rollback rollback(RollbackReport r) {
    return new Notification.Rollback(r.kind().label(), r.succeeded(), r.targetHash(), r.error());
  }

  private static List<Notification.ContainerLine> containers(List<ContainerOutcome> outcomes) {
    return outcomes.stream()
        .map(
            o ->
                new Notification.ContainerLine(
                    o.container(), Optional.of(o.action().label()), o.result().label(), o.error()))
        .toList();
  }
}
