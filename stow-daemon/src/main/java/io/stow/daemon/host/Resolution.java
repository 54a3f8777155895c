package io.stow.daemon.host;

import java.util.Objects;
import java.util.Optional;

/**
 * What the daemon knows about the deployment a commit describes: its deployment hash, or why it is
 * unknown (not resolved yet, too many resolutions at once, or the commit could not be resolved).
 * Holds a hash only, never content.
 */
public record Resolution(String commit, Optional<String> deploymentHash, Optional<String> reason) {

  public Resolution {
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(deploymentHash, "deploymentHash");
    Objects.requireNonNull(reason, "reason");
    if (deploymentHash.isPresent() == reason.isPresent()) {
      throw new IllegalArgumentException("a resolution has either a hash or a reason");
    }
  }

  public static Resolution known(String commit, String deploymentHash) {
    return new Resolution(commit, Optional.of(deploymentHash), Optional.empty());
  }

  public static Resolution unknown(String commit, String reason) {
    return new Resolution(commit, Optional.empty(), Optional.of(reason));
  }

  public boolean isKnown() {
    return deploymentHash.isPresent();
  }
}
