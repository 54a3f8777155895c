package io.stow.model;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Linux capability names for {@code capAdd} and {@code capDrop}, checked as Docker checks them: any
 * case, with or without {@code CAP_}, or {@code ALL}. Names are kept without the prefix, in upper
 * case ({@code net_admin} and {@code CAP_NET_ADMIN} both become {@code NET_ADMIN}).
 */
public final class Capabilities {

  /** Every capability of the Linux kernel (capability.h, up to CAP_CHECKPOINT_RESTORE). */
  public static final List<String> KERNEL =
      List.of(
          "CHOWN",
          "DAC_OVERRIDE",
          "DAC_READ_SEARCH",
          "FOWNER",
          "FSETID",
          "KILL",
          "SETGID",
          "SETUID",
          "SETPCAP",
          "LINUX_IMMUTABLE",
          "NET_BIND_SERVICE",
          "NET_BROADCAST",
          "NET_ADMIN",
          "NET_RAW",
          "IPC_LOCK",
          "IPC_OWNER",
          "SYS_MODULE",
          "SYS_RAWIO",
          "SYS_CHROOT",
          "SYS_PTRACE",
          "SYS_PACCT",
          "SYS_ADMIN",
          "SYS_BOOT",
          "SYS_NICE",
          "SYS_RESOURCE",
          "SYS_TIME",
          "SYS_TTY_CONFIG",
          "MKNOD",
          "LEASE",
          "AUDIT_WRITE",
          "AUDIT_CONTROL",
          "SETFCAP",
          "MAC_OVERRIDE",
          "MAC_ADMIN",
          "SYSLOG",
          "WAKE_ALARM",
          "BLOCK_SUSPEND",
          "AUDIT_READ",
          "PERFMON",
          "BPF",
          "CHECKPOINT_RESTORE");

  /** Every capability, added or dropped at once. */
  public static final String ALL = "ALL";

  private Capabilities() {}

  /**
   * The capability's name without {@code CAP_}, in upper case, or {@code ALL}.
   *
   * @throws IllegalArgumentException for a name the kernel does not define
   */
  public static String normalise(String name) {
    Objects.requireNonNull(name, "name");
    String upper = name.strip().toUpperCase(Locale.ROOT);
    if (upper.equals(ALL)) {
      return ALL;
    }
    String bare = upper.startsWith("CAP_") ? upper.substring("CAP_".length()) : upper;
    if (!KERNEL.contains(bare)) {
      throw new IllegalArgumentException(
          "capability '"
              + name
              + "' is unknown; use a Linux capability such as NET_ADMIN or CAP_NET_BIND_SERVICE"
              + " (any case), or ALL");
    }
    return bare;
  }
}
