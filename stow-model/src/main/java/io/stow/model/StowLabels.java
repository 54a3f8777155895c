package io.stow.model;

/** The labels stow puts on every container it manages; the {@code stow.} prefix is reserved. */
public final class StowLabels {

  /** {@code stow.deployment=<deployment name>}. */
  public static final String DEPLOYMENT = "stow.deployment";

  /** {@code stow.hash=v1:<deployment_hash>}. */
  public static final String HASH = "stow.hash";

  /** Prefix of every label that users may not set. */
  public static final String RESERVED_PREFIX = "stow.";

  /**
   * {@code com.docker.compose.service=<service>}: on the containers of a deployment described by a
   * Compose file, the service each runs, labelled as docker-compose labels it.
   */
  public static final String COMPOSE_SERVICE = "com.docker.compose.service";

  private static final String HASH_VERSION = "v1:";

  private StowLabels() {}

  /** The {@code stow.hash} label value for a deployment hash. */
  public static String hashValue(String deploymentHash) {
    return HASH_VERSION + deploymentHash;
  }
}
