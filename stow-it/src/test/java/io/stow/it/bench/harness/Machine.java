package io.stow.it.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The machine and the versions a run measured on, as they go at the top of the results. */
public final class Machine {

  private Machine() {}

  /** Cores, memory, kernel, CPU model, distribution. */
  public static Map<String, String> facts() {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("CPU", cpuModel());
    facts.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    facts.put("memory", memory());
    facts.put("kernel", read("/proc/sys/kernel/osrelease").orElse("?"));
    facts.put("distribution", distribution());
    return facts;
  }

  /** The versions of everything the suite compares with or runs on. */
  public static Map<String, String> versions() {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put(
        "Java (suite)",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    versions.put("Java (stow launcher: java on PATH)", firstLine("java", "-version"));
    versions.put(
        "Docker",
        firstLine(
                "docker", "version", "--format", "{{.Server.Version}} (API {{.Server.APIVersion}})")
            + ", storage driver "
            + firstLine("docker", "info", "--format", "{{.Driver}}"));
    versions.put("docker-compose", firstLine("docker-compose", "version", "--short"));
    versions.put("nginx", firstLine("nginx", "-v").replace("nginx version: ", ""));
    versions.put("wrk", firstLine("wrk", "-v").replaceAll(" Copyright.*", ""));
    versions.put("sha256sum", firstLine("sha256sum", "--version"));
    return versions;
  }

  /** The 1, 5 and 15 minute load averages, e.g. {@code 3.10 2.85 2.40}. */
  public static String load() {
    return read("/proc/loadavg")
        .map(l -> String.join(" ", List.of(l.split("\\s+")).subList(0, 3)))
        .orElse("?");
  }

  /** The 1 minute figure of {@link #load}'s text; 0 when it is unknown. */
  static double firstLoad(String load) {
    try {
      return Double.parseDouble(load.strip().split("\\s+")[0]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static String memory() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // below
    }
    return "?";
  }

  private static String distribution() {
    try {
      return Files.readAllLines(Path.of("/etc/os-release")).stream()
          .filter(l -> l.startsWith("PRETTY_NAME="))
          .map(l -> l.substring("PRETTY_NAME=".length()).replace("\"", ""))
          .findFirst()
          .orElse("?");
    } catch (IOException e) {
      return "?";
    }
  }

  private static Optional<String> read(String file) {
    try {
      return Optional.of(Files.readString(Path.of(file)).strip());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The first line a tool prints (whatever its exit status), or why there is none. */
  private static String firstLine(String... command) {
    try {
      String out = Exec.run(command).output().strip();
      return out.isEmpty() ? "?" : out.lines().findFirst().orElse("?");
    } catch (IOException | RuntimeException e) {
      return "not installed";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "?";
    }
  }
}
