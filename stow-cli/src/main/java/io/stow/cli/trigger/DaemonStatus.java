package io.stow.cli.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code GET /status?head_hash=H} said about one commit: the daemon's {@code state} and the
 * fields of the original tool's status that explain it.
 *
 * @param state the daemon's word; a daemon without {@code state} (the original tool) gets the one
 *     its badge would show, from the other fields
 * @param statusLabel {@code status_label}, e.g. {@code at-requested-head}
 * @param lastResult {@code last_result}, e.g. {@code error}
 * @param lastError {@code last_error}: why the last reconcile failed
 * @param activeHeadHash {@code active_head_hash}: the commit being reconciled
 * @param queuedHeadHash {@code queued_head_hash}: the commit waiting behind it
 */
public record DaemonStatus(
    DeploymentState state,
    Optional<String> statusLabel,
    Optional<String> lastResult,
    Optional<String> lastError,
    Optional<String> activeHeadHash,
    Optional<String> queuedHeadHash) {

  public DaemonStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(statusLabel, "statusLabel");
    Objects.requireNonNull(lastResult, "lastResult");
    Objects.requireNonNull(lastError, "lastError");
    Objects.requireNonNull(activeHeadHash, "activeHeadHash");
    Objects.requireNonNull(queuedHeadHash, "queuedHeadHash");
  }

  /**
   * Reads a status document about {@code head}.
   *
   * @throws IllegalArgumentException when it is not a status document
   */
  static DaemonStatus of(JsonNode json, HeadHash head) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("the answer is not a JSON object");
    }
    Optional<String> active = text(json, "active_head_hash");
    Optional<String> queuedHead = text(json, "queued_head_hash");
    Optional<String> lastResult = text(json, "last_result");
    Optional<DeploymentState> stated = text(json, "state").flatMap(DeploymentState::of);
    if (stated.isEmpty() && text(json, "state").isPresent()) {
      throw new IllegalArgumentException(
          "unknown state '"
              + text(json, "state").get()
              + "'; is stow trigger older than the daemon?");
    }
    if (stated.isEmpty() && !json.has("status_label")) {
      throw new IllegalArgumentException("it has neither 'state' nor 'status_label'");
    }
    DeploymentState state =
        stated.orElseGet(() -> asTheOriginalBadge(json, head, active, queuedHead, lastResult));
    return new DaemonStatus(
        state,
        text(json, "status_label"),
        lastResult,
        text(json, "last_error"),
        active,
        queuedHead);
  }

  /** The original tool's badge rule, for a daemon whose status has no {@code state}. */
  private static DeploymentState asTheOriginalBadge(
      JsonNode json,
      HeadHash head,
      Optional<String> active,
      Optional<String> queuedHead,
      Optional<String> lastResult) {
    Optional<String> current = text(json, "current_hash");
    Optional<String> expected = text(json, "expected_hash");
    if (current.isPresent() && current.equals(expected)) {
      return DeploymentState.RUNNING;
    }
    if (active.equals(Optional.of(head.hex()))) {
      return DeploymentState.RECONCILING;
    }
    if (json.path("queued").asBoolean(false) && queuedHead.equals(Optional.of(head.hex()))) {
      return DeploymentState.QUEUED;
    }
    if (lastResult.equals(Optional.of("error"))) {
      return DeploymentState.ERROR;
    }
    return expected.isEmpty() ? DeploymentState.UNKNOWN : DeploymentState.DIFFERENT;
  }

  /**
   * Whether the reconcile of {@code head} is over: the state says neither queued nor reconciling,
   * and the daemon names it neither as active nor as queued.
   */
  boolean settled(HeadHash head) {
    return !state.pending()
        && !activeHeadHash.equals(Optional.of(head.hex()))
        && !queuedHeadHash.equals(Optional.of(head.hex()));
  }

  /** The daemon's reason for an {@code error} or {@code different} outcome. */
  String reason() {
    if (lastError.isPresent()) {
      return lastError.get();
    }
    if (state == DeploymentState.DIFFERENT) {
      return "the host runs the deployment of another commit"
          + activeHeadHash.map(h -> " (now reconciling " + h + ")").orElse("")
          + lastResult.map(r -> "; last result: " + r).orElse("");
    }
    return "the daemon gave no reason"
        + lastResult.map(r -> " (last result: " + r + ")").orElse("");
  }

  /** One line: the state and the fields that explain it. */
  String summary() {
    List<String> details = new ArrayList<>();
    statusLabel.ifPresent(v -> details.add("status_label " + v));
    lastResult.ifPresent(v -> details.add("last_result " + v));
    activeHeadHash.ifPresent(v -> details.add("active " + abbreviate(v)));
    queuedHeadHash.ifPresent(v -> details.add("queued " + abbreviate(v)));
    if (state == DeploymentState.ERROR || state == DeploymentState.DIFFERENT) {
      lastError.ifPresent(v -> details.add("last_error " + v));
    }
    return state.word() + (details.isEmpty() ? "" : " (" + String.join(", ", details) + ")");
  }

  private static String abbreviate(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }

  private static Optional<String> text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return Optional.empty();
    }
    String text = value.asText().strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }
}
