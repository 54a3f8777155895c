package io.stow.daemon.notify;

import io.stow.model.config.NotifyEvent;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing worth telling people: how a run ended, or that containers degraded between runs. Built
 * from reports and host status only, so it holds no secret: no env value, token or decrypted
 * content. Long texts are cut to {@value #MAX_TEXT} characters and the container list to {@value
 * #MAX_CONTAINERS}, so every format stays within its service's limits.
 *
 * @param host this machine's host name
 * @param folder the deployment repository folder the host deploys ({@code subfolder})
 * @param deployment the deployment's name, when known
 * @param commit the commit the run deployed or tried to, when known
 * @param deploymentHash the deployment hash the run deployed or tried to
 * @param previousHash the deployment hash that ran before
 * @param run what happened: {@code reconcile}, {@code repair}, {@code recovery}, {@code status}
 *     (degraded, seen in the host status) or {@code test}
 * @param result the run's result ({@code succeeded}, {@code failed-rolled-back}, ...), or {@code
 *     degraded}, {@code test}
 * @param reason why it failed or degraded; empty on success
 * @param rollback what the rollback did, when there was one
 * @param startedAt when the run started (degraded: the last reading without the problem)
 * @param finishedAt when it ended (degraded: when the problem was seen)
 * @param links where to look, when the daemon's base URL is known
 */
public record Notification(
    NotifyEvent event,
    String host,
    String folder,
    Optional<String> deployment,
    Optional<String> commit,
    Optional<String> deploymentHash,
    Optional<String> previousHash,
    String run,
    String result,
    Optional<String> reason,
    Optional<Rollback> rollback,
    List<ContainerLine> containers,
    Instant startedAt,
    Instant finishedAt,
    Optional<Links> links) {

  /** The longest reason or detail kept. */
  public static final int MAX_TEXT = 1000;

  /** The most containers listed. */
  public static final int MAX_CONTAINERS = 50;

  public Notification {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(folder, "folder");
    Objects.requireNonNull(deployment, "deployment");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(deploymentHash, "deploymentHash");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(result, "result");
    reason = reason.map(Notification::cut);
    Objects.requireNonNull(rollback, "rollback");
    containers = List.copyOf(containers.subList(0, Math.min(containers.size(), MAX_CONTAINERS)));
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(finishedAt, "finishedAt");
    Objects.requireNonNull(links, "links");
  }

  /** The deployment's name, else the folder: what people know the deployment by. */
  public String subject() {
    return deployment.orElse(folder);
  }

  /** What happened to one container. */
  public record ContainerLine(
      String name, Optional<String> action, String result, Optional<String> detail) {
    public ContainerLine {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(result, "result");
      detail = detail.map(Notification::cut);
    }
  }

  /**
   * What a rollback did.
   *
   * @param kind {@code restore-previous}, {@code remove-failed-containers}, ...
   * @param targetHash the deployment hash rolled back to
   */
  public record Rollback(
      String kind, boolean succeeded, Optional<String> targetHash, Optional<String> error) {
    public Rollback {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(targetHash, "targetHash");
      error = error.map(Notification::cut);
    }
  }

  /** The daemon's status for the commit and its dashboard. */
  public record Links(String status, String dashboard) {
    public Links {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(dashboard, "dashboard");
    }
  }

  static String cut(String text) {
    return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
  }
}
