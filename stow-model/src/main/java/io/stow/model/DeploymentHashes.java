package io.stow.model;

import java.util.Objects;

/**
 * The four hashes of a deployment folder, lower-case hex SHA-256. {@code deploymentHash} is the
 * identity of the desired runtime state.
 */
public record DeploymentHashes(
    String manifestHash, String configHash, String secretsHash, String deploymentHash) {

  public DeploymentHashes {
    Objects.requireNonNull(manifestHash, "manifestHash");
    Objects.requireNonNull(configHash, "configHash");
    Objects.requireNonNull(secretsHash, "secretsHash");
    Objects.requireNonNull(deploymentHash, "deploymentHash");
  }

  /** {@code {"manifest_hash":..,"config_hash":..,"secrets_hash":..,"deployment_hash":..}}. */
  public String toJson() {
    return "{\"manifest_hash\":\""
        + manifestHash
        + "\",\"config_hash\":\""
        + configHash
        + "\",\"secrets_hash\":\""
        + secretsHash
        + "\",\"deployment_hash\":\""
        + deploymentHash
        + "\"}";
  }
}
