package io.stow.engine.state;

import java.time.Instant;
import java.util.Optional;

/**
 * A process that owns something on disk (the lock directory, a staging directory): its pid and when
 * it started, since pids are reused. Lets stow tell a leftover of a process that died from the
 * property of one that still runs.
 */
record ProcessOwner(long pid, Optional<Instant> started) {

  static ProcessOwner current() {
    ProcessHandle self = ProcessHandle.current();
    return new ProcessOwner(self.pid(), self.info().startInstant());
  }

  /** {@code pid=...} and {@code started=...} lines, as written into the lock directory. */
  String render() {
    return "pid=" + pid + "\nstarted=" + started.map(Instant::toString).orElse("") + "\n";
  }

  static Optional<ProcessOwner> parse(String text) {
    Long pid = null;
    Optional<Instant> started = Optional.empty();
    for (String line : text.split("\n")) {
      String value = line.substring(line.indexOf('=') + 1).strip();
      try {
        if (line.startsWith("pid=")) {
          pid = Long.parseLong(value);
        } else if (line.startsWith("started=") && !value.isEmpty()) {
          started = Optional.of(Instant.parse(value));
        }
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
    return pid == null ? Optional.empty() : Optional.of(new ProcessOwner(pid, started));
  }

  /** Whether this is the current process. */
  boolean isCurrent() {
    ProcessOwner self = current();
    return pid == self.pid && sameStart(self.started);
  }

  /** Whether that very process still runs: same pid and, when known, same start time. */
  boolean isAlive() {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      return false;
    }
    return sameStart(process.get().info().startInstant());
  }

  /** Start times compare to the millisecond (staging names keep milliseconds); unknown matches. */
  private boolean sameStart(Optional<Instant> other) {
    return started.isEmpty()
        || other.isEmpty()
        || started.get().toEpochMilli() == other.get().toEpochMilli();
  }
}
