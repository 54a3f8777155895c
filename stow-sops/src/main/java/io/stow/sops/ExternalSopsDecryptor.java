package io.stow.sops;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Delegates decryption to a configured {@code sops} binary, for key services native decryption does
 * not support (AWS/GCP KMS, Azure Key Vault, Vault). Runs {@code <binary> --decrypt <file>}
 * directly (no shell) with the age keys in its environment ({@code SOPS_AGE_KEY_FILE} for the first
 * key file, {@code SOPS_AGE_KEY} for the rest), never on its command line; PGP keys come from the
 * GnuPG keyring the process environment points at, and PGP key files are refused (see {@link
 * #PGP_KEY_FILES_REFUSED}). Detection ({@link #isSopsFile}) is native.
 *
 * <p>Failures carry the exit status and the tail of sops' error output; standard output, which may
 * hold decrypted values, never appears in a message.
 */
public final class ExternalSopsDecryptor implements SecretDecryptor {

  /** How long one sops run may take unless configured otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Why PGP key files and an external sops do not go together: sops takes PGP keys from the GnuPG
   * keyring ({@code GNUPGHOME}), never from a file, so a key file would be silently ignored.
   */
  public static final String PGP_KEY_FILES_REFUSED =
      "PGP key files cannot be used with an external sops binary, which reads PGP keys only from"
          + " the GnuPG keyring: import the key there (gpg --import) and point GNUPGHOME at it, or"
          + " decrypt natively without the sops binary";

  private static final int MAX_STDERR_CHARS = 2000;

  private final Path binary;
  private final SopsKeys keys;
  private final Duration timeout;
  private final SopsLimits limits;
  private final SopsDecryptor detector;

  public ExternalSopsDecryptor(Path binary, SopsKeys keys) {
    this(binary, keys, DEFAULT_TIMEOUT, SopsLimits.DEFAULT);
  }

  /**
   * @throws IllegalArgumentException when {@code keys} holds PGP key files: sops reads PGP keys
   *     from the GnuPG keyring only, so they would be ignored
   */
  public ExternalSopsDecryptor(Path binary, SopsKeys keys, Duration timeout, SopsLimits limits) {
    this.binary = Objects.requireNonNull(binary, "binary");
    this.keys = Objects.requireNonNull(keys, "keys");
    if (!keys.pgpKeyFiles().isEmpty()) {
      throw new IllegalArgumentException(PGP_KEY_FILES_REFUSED + " (" + keys.pgpKeyFiles() + ")");
    }
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.detector = new SopsDecryptor(SopsKeys.none(), limits);
  }

  @Override
  public boolean isSopsFile(Path file) throws IOException {
    return detector.isSopsFile(file);
  }

  @Override
  public byte[] decrypt(Path file) throws IOException {
    return decrypt(file, OutputType.NATIVE);
  }

  /** Detects natively (without parsing files that cannot be SOPS files), then runs sops. */
  @Override
  public Optional<byte[]> decryptIfSops(Path file, OutputType outputType) throws IOException {
    if (!detector.isSopsFile(file)) {
      return Optional.empty();
    }
    return Optional.of(decrypt(file, outputType));
  }

  /** Runs sops; {@link OutputType#JSON} adds {@code --output-type json}. */
  @Override
  public byte[] decrypt(Path file, OutputType outputType) throws IOException {
    BoundedFiles.requireRegular(file, "a SOPS file");
    List<String> command = new ArrayList<>(List.of(binary.toString(), "--decrypt"));
    if (outputType == OutputType.JSON) {
      command.addAll(List.of("--output-type", "json"));
    }
    command.add(file.toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    environment(builder.environment());
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new SopsException(
          file, "cannot run the sops binary " + binary + " (" + e.getClass().getSimpleName() + ")");
    }
    process.getOutputStream().close();
    Collector stdout = new Collector(process.getInputStream(), limits.maxFileBytes() * 4);
    Collector stderr = new Collector(process.getErrorStream(), 64 * 1024);
    stdout.start();
    stderr.start();
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new SopsException(
            file, binary + " --decrypt did not finish within " + timeout.toSeconds() + " s");
      }
      stdout.join(timeout.toMillis());
      stderr.join(timeout.toMillis());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new SopsException(file, "interrupted while waiting for " + binary);
    }
    if (process.exitValue() != 0) {
      throw new SopsException(
          file,
          binary
              + " --decrypt failed with exit status "
              + process.exitValue()
              + errorTail(stderr.bytes()));
    }
    if (stdout.overflowed) {
      throw new SopsException(file, binary + " printed more than the output limit");
    }
    return stdout.bytes();
  }

  private void environment(Map<String, String> env) throws IOException {
    List<String> inline = new ArrayList<>(keys.ageKeys());
    for (int i = 0; i < keys.ageKeyFiles().size(); i++) {
      Path keyFile = keys.ageKeyFiles().get(i);
      if (i == 0) {
        // sops reads this one itself: hand it only a file it can read to the end
        BoundedFiles.requireRegular(keyFile, "an age key file");
        env.put(SopsKeys.SOPS_AGE_KEY_FILE, keyFile.toAbsolutePath().toString());
      } else {
        byte[] content =
            BoundedFiles.readWhole(keyFile, AgeIdentities.MAX_KEY_FILE_BYTES, "age key file");
        inline.add(new String(content, StandardCharsets.UTF_8));
      }
    }
    if (!inline.isEmpty()) {
      env.put(SopsKeys.SOPS_AGE_KEY, String.join("\n", inline));
    }
  }

  private static String errorTail(byte[] stderr) {
    String text = new String(stderr, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return "";
    }
    // Go's YAML and JSON errors quote the offending value in backticks: it may be a secret;
    // an unpaired backtick hides the rest of the line
    text = text.replaceAll("`[^`]*`", "<value hidden>").replaceAll("`[^\n]*", "<value hidden>");
    if (text.length() > MAX_STDERR_CHARS) {
      text = "..." + text.substring(text.length() - MAX_STDERR_CHARS);
    }
    return ": " + text.replaceAll("[\\p{Cntrl}&&[^\n\t]]", "?").replace("\n", " | ");
  }

  /** Drains a process stream so the process never blocks on a full pipe. */
  private static final class Collector extends Thread {
    private final InputStream in;
    private final long max;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private volatile boolean overflowed;

    Collector(InputStream in, long max) {
      this.in = in;
      this.max = max;
      setDaemon(true);
    }

    @Override
    public void run() {
      byte[] buffer = new byte[8192];
      try (in) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          synchronized (out) {
            if (out.size() + n > max) {
              overflowed = true;
            } else {
              out.write(buffer, 0, n);
            }
          }
        }
      } catch (IOException e) {
        // the process ended or was killed; keep what was read
      }
    }

    byte[] bytes() {
      synchronized (out) {
        return out.toByteArray();
      }
    }
  }
}
