package io.stow.sops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints (does not assert) decryption timings: a 1 MiB YAML file with 10,000 values, YAML files at
 * the 16 MiB limit (one huge value; many values), the per-file cost over 100 small files, and
 * spawning {@code /bin/true} 100 times as the floor any external {@code sops} mode pays. Run with
 * {@code ./mvnw -q -pl stow-sops -am -Pbenchmark verify -DskipTests}.
 */
public final class SopsBenchmark {

  private static final int ROUNDS = 7;

  private SopsBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("sops-benchmark");
    TestKeys.Age age = TestKeys.newAge();
    SopsTestEncryptor.Options options = SopsTestEncryptor.Options.age(age.recipient());
    SopsKeys keys = SopsKeys.none().withAgeKey(age.identity());

    String plaintext = largeYaml();
    Path large = dir.resolve("large.yaml");
    Files.write(large, SopsTestEncryptor.encrypt(SopsFormat.YAML, plaintext, options));
    List<Path> small = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Path file = dir.resolve("small-" + i + ".yaml");
      Files.write(
          file,
          SopsTestEncryptor.encrypt(
              SopsFormat.YAML, "user: app" + i + "\npassword: s3cret-" + i + "\n", options));
      small.add(file);
    }

    Path oneValue = dir.resolve("one-value.yaml");
    Files.write(oneValue, atLimit(options, true));
    Path manyValues = dir.resolve("many-values.yaml");
    Files.write(manyValues, atLimit(options, false));

    double largeMs =
        median(
            () -> {
              new SopsDecryptor(keys).decrypt(large);
            });
    double smallMs =
        median(
            () -> {
              SopsDecryptor decryptor = new SopsDecryptor(keys);
              for (Path file : small) {
                decryptor.decrypt(file);
              }
            });
    double oneValueMs =
        median(
            () -> {
              new SopsDecryptor(keys).decryptIfSops(oneValue).orElseThrow();
            });
    double manyValuesMs =
        median(
            () -> {
              new SopsDecryptor(keys).decryptIfSops(manyValues).orElseThrow();
            });
    double spawnMs =
        median(
            () -> {
              for (int i = 0; i < 100; i++) {
                new ProcessBuilder("/bin/true").start().waitFor();
              }
            });

    System.out.printf(
        "large YAML: %,d bytes plaintext (%,d encrypted), 10,000 values: median %.1f ms%n",
        plaintext.length(), Files.size(large), largeMs);
    System.out.printf(
        "YAML at the limit, one value: %,d bytes encrypted: median %.1f ms%n",
        Files.size(oneValue), oneValueMs);
    System.out.printf(
        "YAML at the limit, many values: %,d bytes encrypted: median %.1f ms%n",
        Files.size(manyValues), manyValuesMs);
    System.out.printf(
        "100 small YAML files: median %.1f ms in total, %.2f ms per file%n",
        smallMs, smallMs / 100);
    System.out.printf(
        "spawn /bin/true x100: median %.1f ms in total, %.2f ms per spawn (external sops floor)%n",
        spawnMs, spawnMs / 100);
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * An encrypted YAML file just below the 16 MiB limit: one value of about 12 MB, or values of 100
   * characters each.
   */
  private static byte[] atLimit(SopsTestEncryptor.Options options, boolean oneValue) {
    long limit = SopsLimits.DEFAULT.maxFileBytes();
    int size = (int) (limit * 3 / 4 - 64 * 1024);
    byte[] encrypted;
    do {
      String plaintext;
      if (oneValue) {
        plaintext = "blob: " + "b".repeat(size) + "\n";
      } else {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; yaml.length() < size; i++) {
          yaml.append("key").append(i).append(": ").append("v".repeat(100)).append('\n');
        }
        plaintext = yaml.toString();
      }
      encrypted = SopsTestEncryptor.encrypt(SopsFormat.YAML, plaintext, options);
      size -= 256 * 1024;
    } while (encrypted.length > limit);
    return encrypted;
  }

  /** 1 MiB of plaintext YAML: 1,000 mappings of 10 values each, 10,000 values in all. */
  private static String largeYaml() {
    StringBuilder yaml = new StringBuilder();
    String padding = "x".repeat(82);
    for (int i = 0; i < 1000; i++) {
      yaml.append("service").append(i).append(":\n");
      for (int j = 0; j < 10; j++) {
        yaml.append("    key").append(j).append(": value-").append(i).append('-').append(j);
        yaml.append('-').append(padding).append('\n');
      }
    }
    return yaml.toString();
  }

  /** Runs a warm-up, then {@link #ROUNDS} timed rounds; the median in milliseconds. */
  private static double median(Task task) throws Exception {
    task.run();
    double[] times = new double[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      long start = System.nanoTime();
      task.run();
      times[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(times);
    return times[ROUNDS / 2];
  }

  @FunctionalInterface
  private interface Task {
    void run() throws Exception;
  }
}
