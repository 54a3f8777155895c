package io.stow.model;

/** The labels stow puts on every container it manages; the {@code stow.} prefix is reserved. */
public final class StowLabels {

  /** {@code stow.deployment=<deployment name>}. */
  public static final String DEPLOYMENT = "stow.deployment";

  /** {@code stow.hash=v1:<deployment_hash>}. */
  public static final String HASH = "stow.hash";

  /** Prefix of every label that users may not set. */
  public static final String RESERVED_PREFIX = "stow.";

  private static final String HASH_VERSION = "v1:";

  private StowLabels() {}

  /** The {@code stow.hash} label value for a deployment hash. */
  public static String hashValue(String deploymentHash) {
    return HASH_VERSION + deploymentHash;
  }
}
