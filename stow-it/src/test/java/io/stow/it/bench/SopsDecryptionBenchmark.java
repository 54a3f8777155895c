package io.stow.it.bench;

import io.stow.it.bench.harness.BenchContext;
import io.stow.it.bench.harness.Benchmark;
import io.stow.it.bench.harness.Measure;
import io.stow.it.bench.harness.Row;
import io.stow.it.bench.harness.Section;
import io.stow.it.bench.harness.Unit;
import io.stow.sops.SopsBenchmarkFiles;
import io.stow.sops.SopsDecryptor;
import io.stow.sops.SopsKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * 8. Native SOPS decryption in a warm JVM against the floor any external {@code sops} mode pays:
 * spawning a process per file ({@code /bin/true}, which does nothing).
 */
final class SopsDecryptionBenchmark implements Benchmark {

  /** Warm-ups of the decryptor: the JIT compiles the AES-GCM and YAML paths. */
  private static final int JVM_WARMUPS = 5;

  @Override
  public String number() {
    return "8";
  }

  @Override
  public String title() {
    return "SOPS decryption vs. a process per file";
  }

  @Override
  public void run(BenchContext context, Section section) throws Exception {
    Path dir = context.dir("sops");
    SopsBenchmarkFiles files = SopsBenchmarkFiles.write(dir);
    SopsKeys keys = SopsKeys.none().withAgeKey(files.identity());
    section.how(
        String.format(
            Locale.ROOT,
            "stow's native decryptor (`SopsDecryptor`, age identity, MAC checked) in the suite's"
                + " JVM after %d warm-up runs, on a YAML file of %,d bytes plaintext (%,d bytes"
                + " encrypted, 10,000 values) and on 100 small YAML files (two values each, one"
                + " decryptor for all). The baseline is what an external `sops` costs before it"
                + " decrypts anything: starting a process per file (`/bin/true` from Java, waited"
                + " for), once for the large file and 100 times for the small ones.",
            JVM_WARMUPS,
            SopsBenchmarkFiles.largePlaintextBytes(),
            Files.size(files.large())));

    Row spawnOne =
        section.baseline(
            "spawn `/bin/true` × 1",
            "one process",
            Measure.millis(JVM_WARMUPS, Measure.rounds(), SopsDecryptionBenchmark::spawn),
            Unit.MILLIS);
    section.row(
        "decrypt the 1 MiB file (native)",
        Measure.millis(
            JVM_WARMUPS, Measure.rounds(), () -> new SopsDecryptor(keys).decrypt(files.large())),
        Unit.MILLIS,
        spawnOne);
    Row spawnHundred =
        section.baseline(
            "spawn `/bin/true` × 100",
            "100 processes",
            Measure.millis(
                JVM_WARMUPS,
                Measure.rounds(),
                () -> {
                  for (int i = 0; i < 100; i++) {
                    spawn();
                  }
                }),
            Unit.MILLIS);
    section.row(
        "decrypt 100 small files (native)",
        Measure.millis(
            JVM_WARMUPS,
            Measure.rounds(),
            () -> {
              SopsDecryptor decryptor = new SopsDecryptor(keys);
              for (Path file : files.small()) {
                decryptor.decrypt(file);
              }
            }),
        Unit.MILLIS,
        spawnHundred);
  }

  private static void spawn() throws Exception {
    Process p = new ProcessBuilder("/bin/true").start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("/bin/true failed");
    }
  }
}
