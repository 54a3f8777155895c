package io.stow.sops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The encrypted files the benchmark suite (stow-it, {@code io.stow.it.bench}) decrypts: a YAML file
 * of 1 MiB plaintext with 10,000 values, and 100 small YAML files of two values each, all for one
 * fresh age identity. Public for that suite; the encryptor stays package-private here.
 *
 * @param identity the age identity that decrypts them ({@code AGE-SECRET-KEY-1...}); a test key,
 *     never a real secret
 */
public record SopsBenchmarkFiles(Path large, List<Path> small, String identity) {

  public SopsBenchmarkFiles {
    small = List.copyOf(small);
  }

  /** Writes the files into {@code dir}. */
  public static SopsBenchmarkFiles write(Path dir) throws IOException {
    TestKeys.Age age = TestKeys.newAge();
    SopsTestEncryptor.Options options = SopsTestEncryptor.Options.age(age.recipient());
    Path large = dir.resolve("large.yaml");
    Files.write(large, SopsTestEncryptor.encrypt(SopsFormat.YAML, largeYaml(), options));
    List<Path> small = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      Path file = dir.resolve("small-" + i + ".yaml");
      String plaintext = "user: app" + i + "\npassword: s3cret-" + i + "\n";
      Files.write(file, SopsTestEncryptor.encrypt(SopsFormat.YAML, plaintext, options));
      small.add(file);
    }
    return new SopsBenchmarkFiles(large, small, age.identity());
  }

  /** The plaintext size of {@link #large}: 1,000 mappings of 10 values each. */
  public static int largePlaintextBytes() {
    return largeYaml().length();
  }

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
}
