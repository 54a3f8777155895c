package io.stow.it.gitlab;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One state a commit status of a fake project went through: GitLab keeps one status per name, ref
 * and commit while it is pending or running, and starts a new one after it finished.
 */
public record FakeCommitStatus(
    long id,
    String sha,
    String ref,
    String name,
    String status,
    Optional<String> targetUrl,
    Optional<String> description,
    Instant at) {

  public FakeCommitStatus {
    Objects.requireNonNull(sha, "sha");
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(targetUrl, "targetUrl");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(at, "at");
  }

  /** Whether the status can still change ({@code pending} or {@code running}). */
  boolean open() {
    return status.equals("pending") || status.equals("running");
  }
}
