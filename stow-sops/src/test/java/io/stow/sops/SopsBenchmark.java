package io.stow.sops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints (does not assert) decryption timings: a 1 MiB YAML file with 10,000 values, the per-file
 * cost over 100 small files, and spawning {@code /bin/true} 100 times as the floor any external
 * {@code sops} mode pays. Run with {@code ./mvnw -q -pl stow-sops -am -Pbenchmark verify
 * -DskipTests}.
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
        "100 small YAML files: median %.1f ms in total, %.2f ms per file%n",
        smallMs, smallMs / 100);
    System.out.printf(
        "spawn /bin/true x100: median %.1f ms in total, %.2f ms per spawn (external sops floor)%n",
        spawnMs, spawnMs / 100);
    try (var files = Files.walk(dir)) {
      files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
    }
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
