package io.stow.engine.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stow.model.DeploymentHashes;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code .stow-snapshot.json} records about a snapshot. Secret files are listed by relative
 * path only, never their contents.
 *
 * @param secretFiles relative paths of the decrypted SOPS files, sorted
 */
public record SnapshotMetadata(
    String deploymentName,
    String revision,
    DeploymentHashes hashes,
    List<String> secretFiles,
    Instant createdAt) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public SnapshotMetadata {
    Objects.requireNonNull(deploymentName, "deploymentName");
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(hashes, "hashes");
    secretFiles = secretFiles.stream().sorted().toList();
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /**
   * The JSON document. {@code deployment}, {@code revision} and {@code hash} are the fields the
   * original tool reads; the rest is stow's addition.
   */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("deployment", deploymentName);
    root.put("revision", revision);
    root.put("hash", hashes.deploymentHash());
    root.put("manifest_hash", hashes.manifestHash());
    root.put("config_hash", hashes.configHash());
    root.put("secrets_hash", hashes.secretsHash());
    root.put("deployment_hash", hashes.deploymentHash());
    root.putPOJO("secret_files", secretFiles);
    root.put("created_at", createdAt.toString());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render snapshot metadata", e);
    }
  }
}
