package io.stow.daemon.notify;

import io.stow.daemon.log.DaemonLog;
import io.stow.daemon.notify.NotificationCounters.Result;
import io.stow.daemon.schedule.RunListener;
import io.stow.engine.EngineEvents;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileReport;
import io.stow.gitlab.CommitStatusRequest;
import io.stow.gitlab.CommitStatusRequest.State;
import io.stow.gitlab.GitLabException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Reports each reconcile on its commit through GitLab's commit statuses, named {@code
 * stow/<folder>} (one per host): {@code running} once the commit is known (the engine's {@code
 * RevisionKnown}), then {@code success} when the run succeeded (verified, or nothing to change) or
 * {@code failed} when it failed or rolled back, linking to this host's {@code
 * /status?head_hash=<commit>} when the daemon's base URL is known. Updates go out on their own
 * worker thread, so GitLab never delays a run; a 403 (a token without the {@code api} scope) is
 * logged once with the fix and turns commit statuses off until the daemon restarts.
 */
public final class CommitStatusReporter implements RunListener, EngineEvents {

  /** The {@code target} label of commit statuses in {@code stow_notifications_total}. */
  public static final String TARGET = "gitlab-commit-status";

  /** Sets one commit status; throws {@link GitLabException} when GitLab refuses. */
  @FunctionalInterface
  public interface StatusPoster {
    void post(String sha, CommitStatusRequest request);
  }

  /** One status to set. */
  record Update(String sha, State state, String description, Optional<String> targetUrl) {}

  private final String name;
  private final String folder;
  private final DeploymentFacts facts;
  private final StatusPoster poster;
  private final Supplier<Optional<String>> ref;
  private final NotificationCounters counters;
  private final DaemonLog log;
  private final Function<Update, Optional<Update>> queue;
  private volatile boolean reconciling;
  private volatile String commit;
  private volatile boolean disabled;
  private int failedInStreak;

  /**
   * @param ref the branch statuses refer to, asked on the worker thread; empty when unknown
   * @param queue hands an update to the worker, returning one dropped to make room
   */
  CommitStatusReporter(
      String folder,
      DeploymentFacts facts,
      StatusPoster poster,
      Supplier<Optional<String>> ref,
      NotificationCounters counters,
      DaemonLog log,
      Function<Update, Optional<Update>> queue) {
    this.name = "stow/" + folder;
    this.folder = Objects.requireNonNull(folder, "folder");
    this.facts = Objects.requireNonNull(facts, "facts");
    this.poster = Objects.requireNonNull(poster, "poster");
    this.ref = Objects.requireNonNull(ref, "ref");
    this.counters = Objects.requireNonNull(counters, "counters");
    this.log = Objects.requireNonNull(log, "log");
    this.queue = Objects.requireNonNull(queue, "queue");
    counters.register(TARGET);
  }

  @Override
  public void reconcileStarted(Instant at) {
    commit = null;
    reconciling = true;
  }

  @Override
  public void on(ReconcileEvent event) {
    if (event instanceof ReconcileEvent.RevisionKnown known && reconciling && commit == null) {
      commit = known.revision();
      enqueue(new Update(commit, State.RUNNING, "deploying to " + folder, link(commit)));
    }
  }

  @Override
  public void finished(Finished run) {
    if (run.kind() != Kind.RECONCILE) {
      return;
    }
    reconciling = false;
    run.report().ifPresent(facts::learn);
    Optional<String> sha = run.revision().or(() -> Optional.ofNullable(commit));
    if (sha.isEmpty()) {
      return; // failed before the commit was known: nothing to report it on
    }
    boolean succeeded =
        run.error().isEmpty() && run.report().filter(r -> r.status().succeeded()).isPresent();
    String description =
        succeeded
            ? run.report().filter(ReconcileReport::changedHost).isPresent()
                ? "deployed and verified on " + folder
                : "running on " + folder + " (nothing to change)"
            : run.report().map(r -> r.status().label() + ": ").orElse("failed: ")
                + run.error().or(() -> run.report().flatMap(ReconcileReport::failure)).orElse("");
    enqueue(
        new Update(
            sha.get(),
            succeeded ? State.SUCCESS : State.FAILED,
            Texts.cut(description, 255),
            link(sha.get())));
  }

  private Optional<String> link(String sha) {
    return facts.links(Optional.of(sha)).map(Notification.Links::status);
  }

  private void enqueue(Update update) {
    if (disabled) {
      return;
    }
    queue.apply(update).ifPresent(dropped -> counters.count(target(), Result.DROPPED));
  }

  /** Sets one status; runs on the worker thread. */
  void post(Update update) {
    if (disabled) {
      return;
    }
    try {
      poster.post(
          update.sha(),
          new CommitStatusRequest(
              update.state(),
              name,
              ref.get(),
              update.targetUrl(),
              Optional.of(update.description())));
      counters.count(target(), Result.SENT);
      if (failedInStreak > 0) {
        log.info("GitLab commit statuses work again after " + failedInStreak + " failure(s)");
      }
      failedInStreak = 0;
    } catch (GitLabException e) {
      counters.count(target(), Result.FAILED);
      if (e.is(403)) {
        disabled = true;
        log.error(
            "GitLab refused to set the commit status "
                + name
                + " on "
                + Texts.shortId(update.sha())
                + " (403: "
                + e.gitLabMessage()
                + "): the gitlabToken needs the api scope (a project access token with the api"
                + " scope and the Developer role), or set commitStatus: false; commit statuses are"
                + " off until the daemon restarts, deployments go on");
      } else if (failedInStreak++ == 0) {
        log.warn(
            "cannot set the commit status "
                + name
                + " on "
                + Texts.shortId(update.sha())
                + " to "
                + update.state().wire()
                + ": "
                + e.getMessage()
                + "; further failures are counted, not logged, until one gets through");
      }
    }
  }

  private static String target() {
    return TARGET;
  }
}
