package io.stow.it.bench;

import io.stow.hash.DeploymentHasher;
import io.stow.it.bench.harness.BenchContext;
import io.stow.it.bench.harness.Benchmark;
import io.stow.it.bench.harness.Exec;
import io.stow.it.bench.harness.Measure;
import io.stow.it.bench.harness.Row;
import io.stow.it.bench.harness.Sample;
import io.stow.it.bench.harness.Section;
import io.stow.it.bench.harness.Target;
import io.stow.it.bench.harness.Unit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * 4. Hashing a 200 MB deployment folder of 2,000 files: {@code stow hash} (the packaged launcher,
 * JVM start included, {@code -Xmx64m}) against {@code sha256sum} over the same files, and the peak
 * resident memory of the hashing JVM.
 */
final class HashBenchmark implements Benchmark {

  private static final int DIRS = 20;
  private static final int FILES_PER_DIR = 100;
  private static final int FILE_BYTES = 100_000;
  private static final long TREE_BYTES = (long) DIRS * FILES_PER_DIR * FILE_BYTES;
  private static final String HEAP = "-Xmx64m";

  @Override
  public String number() {
    return "4";
  }

  @Override
  public String title() {
    return "Hashing 200 MB in 2,000 files vs. sha256sum";
  }

  @Override
  public void run(BenchContext context, Section section) throws Exception {
    Path tree = context.dir("hash-tree");
    List<String> files = writeTree(tree);
    Path time = Path.of("/usr/bin/time");
    if (!Files.isExecutable(time)) {
      throw new IllegalStateException("GNU time is missing: apt-get install time");
    }
    Path rssFile = context.work().resolve("hash-maxrss.txt");
    Map<String, String> heap = Map.of("STOW_JAVA_OPTS", HEAP);
    section.how(
        String.format(
            Locale.ROOT,
            "A folder of %,d bytes: `stow.yaml` and %,d files of %,d random bytes in %d"
                + " directories, in the page cache (the warm-up runs read it). `stow hash DIR`"
                + " runs from the packaged launcher with `STOW_JAVA_OPTS=%s`, so its time"
                + " includes the JVM's start; `sha256sum` gets the same %,d files as arguments, in"
                + " one process. Throughput is the folder's size over the wall time. Peak memory"
                + " is the process's `VmHWM` as the kernel reports it at exit (GNU time's"
                + " maximum resident set size); the baseline for it is `stow --version` under the"
                + " same heap limit, which loads the JVM and stow's command line and hashes"
                + " nothing. The in-process row times the same hasher (`DeploymentHasher`) in the"
                + " suite's warm JVM.",
            TREE_BYTES + Files.size(tree.resolve("stow.yaml")),
            files.size() - 1,
            FILE_BYTES,
            DIRS,
            HEAP,
            files.size()));

    List<String> sha256sum = new ArrayList<>(List.of("sha256sum"));
    sha256sum.addAll(files);
    Row sha =
        section.baseline(
            "`sha256sum` over the same files (one process)",
            "sha256sum",
            throughput(
                Measure.millis(
                    () -> Exec.run(tree, Map.of(), Duration.ofMinutes(5), sha256sum).check())),
            Unit.MEGABYTES_PER_SECOND);

    String launcher = context.launcher().toString();
    List<Double> peaks = new ArrayList<>();
    Sample stowMillis =
        Measure.millis(
            () -> {
              Exec.run(
                      heap,
                      Duration.ofMinutes(5),
                      List.of(
                          time.toString(),
                          "-f",
                          "%M",
                          "-o",
                          rssFile.toString(),
                          launcher,
                          "hash",
                          tree.toString()))
                  .check();
              peaks.add(maxRssMebibytes(rssFile));
            });
    section.row(
        "`stow hash DIR` (launcher, " + HEAP + ", JVM start included)",
        throughput(stowMillis),
        Unit.MEGABYTES_PER_SECOND,
        sha,
        Target.ratioAtLeast(0.9, "sha256sum"));
    section.row(
        "`DeploymentHasher` in the suite's warm JVM",
        throughput(Measure.millis(() -> DeploymentHasher.hash(tree, Set.of()))),
        Unit.MEGABYTES_PER_SECOND,
        sha);

    List<Double> versionPeaks = new ArrayList<>();
    Measure.millis(
        () -> {
          Exec.run(
                  heap,
                  Duration.ofMinutes(1),
                  List.of(
                      time.toString(), "-f", "%M", "-o", rssFile.toString(), launcher, "--version"))
              .check();
          versionPeaks.add(maxRssMebibytes(rssFile));
        });
    Row version =
        section.baseline(
            "peak RSS of `stow --version` (" + HEAP + ")",
            "stow --version",
            lastRounds(versionPeaks),
            Unit.MEBIBYTES);
    section.row(
        "peak RSS of `stow hash DIR` (" + HEAP + ")",
        lastRounds(peaks),
        Unit.MEBIBYTES,
        version,
        Target.decided("completes under " + HEAP, true));
  }

  /** The figures of the measured rounds (the warm-ups come first). */
  private static Sample lastRounds(List<Double> values) {
    return new Sample(values.subList(values.size() - Measure.rounds(), values.size()));
  }

  private static Sample throughput(Sample millis) {
    return millis.map(ms -> TREE_BYTES / 1e6 / (ms / 1000));
  }

  private static double maxRssMebibytes(Path timeOutput) throws IOException {
    String text = Files.readString(timeOutput).strip();
    String last = text.lines().reduce((a, b) -> b).orElseThrow();
    return Long.parseLong(last.strip()) / 1024.0;
  }

  /** Writes the tree; returns its files' paths relative to {@code root}, stow.yaml first. */
  private static List<String> writeTree(Path root) throws IOException {
    List<String> files = new ArrayList<>();
    Files.writeString(
        root.resolve("stow.yaml"), "deployment: {name: hash-bench}\ncontainers: []\n");
    files.add("stow.yaml");
    SplittableRandom random = new SplittableRandom(12);
    byte[] bytes = new byte[FILE_BYTES];
    for (int d = 0; d < DIRS; d++) {
      Path dir = Files.createDirectories(root.resolve(String.format(Locale.ROOT, "d%02d", d)));
      for (int f = 0; f < FILES_PER_DIR; f++) {
        for (int i = 0; i < bytes.length; i += 8) {
          long v = random.nextLong();
          for (int b = 0; b < 8 && i + b < bytes.length; b++) {
            bytes[i + b] = (byte) (v >>> (8 * b));
          }
        }
        String name = String.format(Locale.ROOT, "f%03d.bin", f);
        Files.write(dir.resolve(name), bytes);
        files.add(root.relativize(dir.resolve(name)).toString());
      }
    }
    return files;
  }
}
