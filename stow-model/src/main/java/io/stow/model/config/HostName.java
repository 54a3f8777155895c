package io.stow.model.config;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * This host's name, the default {@code subfolder}: {@code $HOSTNAME} as the original tool reads it,
 * else the kernel's host name, else what the resolver says.
 */
public final class HostName {

  private HostName() {}

  public static String current() {
    return of(System.getenv(), Path.of("/proc/sys/kernel/hostname"));
  }

  static String of(Map<String, String> environment, Path kernelHostName) {
    String fromEnv = environment.getOrDefault("HOSTNAME", "").strip();
    if (!fromEnv.isEmpty()) {
      return fromEnv;
    }
    try {
      String kernel = Files.readString(kernelHostName, StandardCharsets.UTF_8).strip();
      if (!kernel.isEmpty()) {
        return kernel;
      }
    } catch (IOException e) {
      // not Linux, or no /proc: ask the resolver
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
