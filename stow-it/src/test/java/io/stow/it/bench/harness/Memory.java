package io.stow.it.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A process's memory as Linux counts it ({@code /proc/<pid>/status}). */
public final class Memory {

  private Memory() {}

  /** {@code VmRSS}: resident now, in MiB. */
  public static double rssMebibytes(long pid) throws IOException {
    return field(pid, "VmRSS:") / 1024.0;
  }

  /** {@code VmHWM}: the peak resident set so far, in MiB. */
  public static double peakMebibytes(long pid) throws IOException {
    return field(pid, "VmHWM:") / 1024.0;
  }

  /**
   * {@code count} readings of {@code VmRSS} one second apart, in MiB: what a process at rest holds,
   * with the spread of its background activity.
   */
  public static Sample rssOverSeconds(long pid, int count)
      throws IOException, InterruptedException {
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        Thread.sleep(1000);
      }
      values.add(rssMebibytes(pid));
    }
    return new Sample(values);
  }

  private static long field(long pid, String name) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith(name)) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no " + name + " in /proc/" + pid + "/status");
  }
}
