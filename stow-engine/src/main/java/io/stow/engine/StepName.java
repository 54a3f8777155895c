package io.stow.engine;

import java.util.Locale;

/**
 * The steps of a run, in the order a reconcile takes them. Events and reports name steps by these
 * values; a rollback's steps carry the same names with {@code rollback.} in front of their label.
 */
public enum StepName {
  /** Take the state lock (and set up the state root). */
  LOCK,
  /** Resolve the desired revision and materialise its folder into a private staging directory. */
  STAGE,
  /** Decrypt the SOPS files of the staging directory in place. */
  DECRYPT,
  /** Compute the manifest, config, secrets and deployment hashes. */
  HASH,
  /** Load and validate the folder's stow.yaml or Compose file. */
  LOAD,
  /** Refuse a renamed deployment. */
  CHECK_NAME,
  /** List the deployment's containers and plan noop/replace/delete. */
  PLAN,
  /** Refuse a plan that would replace a container the deployment does not manage. */
  CHECK_OWNERSHIP,
  /** Build every create request and check it, before anything is stopped. */
  PREPARE,
  /** Check that the host ports the new containers publish are free, before anything stops. */
  PREFLIGHT,
  /** Build every image a replaced container runs from the deployment folder (Compose build). */
  BUILD,
  /** Make every image to run present locally. */
  PULL,
  /** Make the staged folder the running snapshot. */
  SNAPSHOT,
  /** Stop, remove, create and start containers. */
  APPLY,
  /** Check that the deployment stays valid for the stable window. */
  VERIFY,
  /** End the apply: forget the previous snapshot. */
  COMMIT,
  /** Move {@code running-config.previous} back to {@code running-config}. */
  RESTORE,
  /** Remove the containers of a failed first deployment. */
  REMOVE_FAILED;

  /** {@code stage}, {@code check-name}, ... as in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The label, with {@code rollback.} in front for a step of a rollback. */
  public String label(boolean rollback) {
    return rollback ? "rollback." + label() : label();
  }
}
