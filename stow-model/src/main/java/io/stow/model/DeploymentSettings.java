package io.stow.model;

import java.util.Objects;
import java.util.Optional;

/** The {@code deployment} section of stow.yaml. */
public record DeploymentSettings(
    String name, Optional<String> daemonBaseUrl, VerifySettings verify) {

  public DeploymentSettings {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(daemonBaseUrl, "daemonBaseUrl");
    Objects.requireNonNull(verify, "verify");
  }
}
