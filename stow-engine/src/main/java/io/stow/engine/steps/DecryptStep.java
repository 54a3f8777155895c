package io.stow.engine.steps;

import io.stow.engine.StepName;
import io.stow.engine.fs.PrivateFiles;
import io.stow.sops.SecretDecryptor;
import io.stow.sops.SopsException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Decrypts every SOPS file of the staging directory in place. The decrypted files' relative paths
 * are the secret set for hashing. Any failure fails the reconcile before the host is touched.
 */
final class DecryptStep implements Step<Path, Set<String>> {

  private final Optional<SecretDecryptor> decryptor;

  DecryptStep(Optional<SecretDecryptor> decryptor) {
    this.decryptor = decryptor;
  }

  @Override
  public StepName name() {
    return StepName.DECRYPT;
  }

  /** Returns the relative ({@code /}-separated) paths of the decrypted files. */
  @Override
  public Set<String> run(Path staging) throws IOException {
    Set<String> secrets = new TreeSet<>();
    for (Path file : regularFiles(staging)) {
      String relative = relative(staging, file);
      if (decryptor.isEmpty()) {
        if (SopsSniffer.looksLikeSops(file)) {
          throw new StepFailure(
              relative
                  + " is a SOPS file but SOPS decryption is not configured; configure the keys"
                  + " file (or sopsBinary) so stow can decrypt it");
        }
        continue;
      }
      SecretDecryptor sops = decryptor.get();
      try {
        // one call per file: it is read once, and parsed only when it can be a SOPS file
        Optional<byte[]> plaintext = sops.decryptIfSops(file);
        if (plaintext.isEmpty()) {
          continue;
        }
        PrivateFiles.writeAtomically(file, plaintext.get());
      } catch (SopsException e) {
        throw new StepFailure(
            "cannot decrypt " + relative + ": " + e.getMessage() + "; check the SOPS keys", e);
      }
      secrets.add(relative);
    }
    return secrets;
  }

  private static List<Path> regularFiles(Path root) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .forEach(files::add);
    }
    return files;
  }

  private static String relative(Path root, Path file) {
    return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
  }
}
