package io.stow.daemon.startup;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One path of the configuration directory that is not locked down: what is wrong with it, its owner
 * and mode as found, and the shell commands that fix it.
 *
 * @param owner the owner as {@code name (uid N)}, or empty text when it could not be read
 * @param mode the permission bits in octal, e.g. {@code 0644}, or empty text
 * @param problems what is wrong, e.g. {@code mode 0644, must be 0400}
 * @param fixes commands that fix it, in order
 */
public record LockdownViolation(
    Path path, String owner, String mode, List<String> problems, List<String> fixes) {

  public LockdownViolation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(mode, "mode");
    problems = List.copyOf(problems);
    fixes = List.copyOf(fixes);
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a violation has at least one problem");
    }
  }

  /** {@code PATH [owner O, mode M]: problem; problem; fix: cmd && cmd}. */
  public String describe() {
    StringBuilder text = new StringBuilder(path.toString());
    if (!owner.isEmpty() || !mode.isEmpty()) {
      text.append(" [owner ").append(owner.isEmpty() ? "?" : owner);
      text.append(", mode ").append(mode.isEmpty() ? "?" : mode).append(']');
    }
    text.append(": ").append(String.join("; ", problems));
    if (!fixes.isEmpty()) {
      text.append("; fix: ").append(String.join(" && ", fixes));
    }
    return text.toString();
  }
}
