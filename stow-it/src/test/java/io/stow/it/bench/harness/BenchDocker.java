package io.stow.it.bench.harness;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Docker CLI for the suite, and the label every container, network and volume of one run
 * carries ({@value #LABEL}{@code =<run id>}), by which {@link #removeAll} finds them, also after a
 * failure. Removal goes in batches of {@value #BATCH}: the shared engine (Debian's 20.10) has hung
 * under dozens of parallel removals.
 */
public final class BenchDocker {

  /** The label key; {@code stow.yaml} refuses keys that start with {@code stow.}. */
  public static final String LABEL = "io.stow.bench";

  private static final int BATCH = 10;

  private final String runId;

  public BenchDocker(String runId) {
    this.runId = runId;
  }

  public String runId() {
    return runId;
  }

  /** {@code io.stow.bench=<run id>}, for {@code --label} and {@code --filter label=}. */
  public String label() {
    return LABEL + "=" + runId;
  }

  public Map<String, String> labels() {
    return Map.of(LABEL, runId);
  }

  /** {@code docker ARGS}; its output, or throws naming the command. */
  public static String docker(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(args));
    return Exec.check(command.toArray(String[]::new));
  }

  /** The ids of this run's containers, running or not. */
  public List<String> containerIds() throws IOException, InterruptedException {
    return words(docker("ps", "-aq", "--filter", "label=" + label()));
  }

  /** Removes this run's containers (in batches), then its networks and volumes. */
  public void removeAll() throws IOException, InterruptedException {
    removeContainers(containerIds());
    for (String network : words(docker("network", "ls", "-q", "--filter", "label=" + label()))) {
      docker("network", "rm", network);
    }
    List<String> volumes = words(docker("volume", "ls", "-q", "--filter", "label=" + label()));
    if (!volumes.isEmpty()) {
      List<String> rm = new ArrayList<>(List.of("volume", "rm"));
      rm.addAll(volumes);
      docker(rm.toArray(String[]::new));
    }
  }

  /** {@code docker rm -f -v}, {@value #BATCH} containers at a time. */
  public static void removeContainers(List<String> ids) throws IOException, InterruptedException {
    for (int i = 0; i < ids.size(); i += BATCH) {
      List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
      rm.addAll(ids.subList(i, Math.min(ids.size(), i + BATCH)));
      docker(rm.toArray(String[]::new));
    }
  }

  /** The network called {@code name} when it exists (e.g. a Compose project's default network). */
  public static void removeNetworkIfPresent(String name) throws IOException, InterruptedException {
    if (!words(docker("network", "ls", "-q", "--filter", "name=^" + name + "$")).isEmpty()) {
      docker("network", "rm", name);
    }
  }

  private static List<String> words(String output) {
    String trimmed = output.strip();
    return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
  }
}
