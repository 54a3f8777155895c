package io.stow.engine.suggest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link Changelog} from the local Git checkout: {@code git diff --unified=0 <from> <to> -- FILE}
 * run with the {@code git} binary (no shell), keeping only added lines.
 */
public final class GitChangelog implements Changelog {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final int MAX_OUTPUT = 1024 * 1024;

  private final Path checkout;
  private final String git;

  /** Runs {@code git} from {@code PATH} in {@code checkout}. */
  public GitChangelog(Path checkout) {
    this(checkout, "git");
  }

  GitChangelog(Path checkout, String git) {
    this.checkout = checkout;
    this.git = git;
  }

  @Override
  public Optional<String> addedLines(Path file, String fromTag, String toTag)
      throws ChangelogUnavailable {
    List<String> command =
        List.of(
            git,
            "diff",
            "--no-ext-diff",
            "--no-color",
            "--unified=0",
            fromTag,
            toTag,
            "--",
            file.toString());
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(checkout.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
    } catch (IOException e) {
      throw new ChangelogUnavailable("cannot run git: " + e.getMessage());
    }
    CompletableFuture<String> errors =
        CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
    String out = read(process.getInputStream());
    try {
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new ChangelogUnavailable("git diff took longer than " + TIMEOUT.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ChangelogUnavailable("interrupted while running git diff");
    }
    if (process.exitValue() != 0) {
      String why = errors.join().strip().lines().findFirst().orElse("exit " + process.exitValue());
      throw new ChangelogUnavailable(
          "git diff " + fromTag + " " + toTag + " -- " + file + " failed: " + why);
    }
    return added(out);
  }

  /** The lines a unified diff adds, without the {@code +} marker and the {@code +++} header. */
  static Optional<String> added(String diff) {
    List<String> lines = new ArrayList<>();
    for (String line : diff.split("\n", -1)) {
      if (line.startsWith("+++ ")) {
        continue;
      }
      if (line.startsWith("+")) {
        lines.add(line.substring(1).replace("\r", ""));
      }
    }
    String text = String.join("\n", lines).strip();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  private static String read(InputStream in) {
    try (in) {
      byte[] bytes = in.readNBytes(MAX_OUTPUT);
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
