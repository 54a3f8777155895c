package io.stow.model;

import java.util.Objects;
import java.util.Set;

/**
 * Kernel parameters a container may set, as Docker checks them when it creates the container: only
 * namespaced ones, {@code kernel.msgmax}, {@code kernel.msgmnb}, {@code kernel.msgmni}, {@code
 * kernel.sem}, {@code kernel.shmall}, {@code kernel.shmmax}, {@code kernel.shmmni}, {@code
 * kernel.shm_rmid_forced}, {@code fs.mqueue.*}, and {@code net.*} unless the container shares the
 * host's network namespace.
 */
public final class Sysctls {

  private static final Set<String> KERNEL =
      Set.of(
          "kernel.msgmax",
          "kernel.msgmnb",
          "kernel.msgmni",
          "kernel.sem",
          "kernel.shmall",
          "kernel.shmmax",
          "kernel.shmmni",
          "kernel.shm_rmid_forced");

  private Sysctls() {}

  /**
   * Checks one name.
   *
   * @param hostNetwork whether the container uses the host's network namespace
   * @throws IllegalArgumentException naming the parameter and why Docker refuses it
   */
  public static String check(String name, boolean hostNetwork) {
    Objects.requireNonNull(name, "name");
    if (KERNEL.contains(name) || name.startsWith("fs.mqueue.") && name.length() > 10) {
      return name;
    }
    if (name.startsWith("net.") && name.length() > 4) {
      if (hostNetwork) {
        throw new IllegalArgumentException(
            "sysctl '"
                + name
                + "' cannot be set on a container that uses the host's network; Docker refuses it");
      }
      return name;
    }
    throw new IllegalArgumentException(
        "sysctl '"
            + name
            + "' is not namespaced, so Docker refuses it; a container may set net.*, fs.mqueue.*,"
            + " kernel.msg*, kernel.sem and kernel.shm*");
  }
}
