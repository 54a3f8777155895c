package io.stow.daemon.log;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Objects;

/**
 * The daemon's log: one line per event on standard output. Under systemd (when {@code
 * JOURNAL_STREAM} is set) each line starts with the kernel-style priority ({@code <6>} info, {@code
 * <4>} warning, {@code <3>} error) that journald reads, and carries no timestamp because journald
 * adds one; elsewhere it starts with an ISO-8601 time and the level. Line breaks and control
 * characters in a message become spaces, so an event is always one line.
 *
 * <p>Callers pass only messages that hold no secret: tokens are {@code Secret}s and engine messages
 * never carry decrypted values.
 */
public final class DaemonLog {

  /** How serious an event is; the number is its syslog priority. */
  public enum Level {
    INFO(6, "info"),
    WARN(4, "warn"),
    ERROR(3, "error");

    private final int priority;
    private final String word;

    Level(int priority, String word) {
      this.priority = priority;
      this.word = word;
    }
  }

  private final PrintStream out;
  private final Clock clock;
  private final boolean journald;

  private DaemonLog(PrintStream out, Clock clock, boolean journald) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.journald = journald;
  }

  /** Standard output, in journald's format when systemd connected it to the journal. */
  public static DaemonLog standardOutput() {
    return standardOutput(System.out);
  }

  /**
   * {@code out}, the process's standard output, in journald's format when systemd connected it to
   * the journal ({@code JOURNAL_STREAM} is set).
   */
  public static DaemonLog standardOutput(PrintStream out) {
    return new DaemonLog(out, Clock.systemUTC(), System.getenv("JOURNAL_STREAM") != null);
  }

  /** Writes to {@code out}; {@code journald} selects the priority-prefix format. */
  public static DaemonLog to(PrintStream out, Clock clock, boolean journald) {
    return new DaemonLog(out, clock, journald);
  }

  public void info(String message) {
    write(Level.INFO, message);
  }

  public void warn(String message) {
    write(Level.WARN, message);
  }

  public void error(String message) {
    write(Level.ERROR, message);
  }

  public void write(Level level, String message) {
    String text = oneLine(message);
    String line =
        journald
            ? "<" + level.priority + ">" + text
            : clock.instant() + " " + level.word + " " + text;
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  /** The message on one line: CR, LF, tabs and other control characters become spaces. */
  static String oneLine(String message) {
    String text = String.valueOf(message);
    StringBuilder line = new StringBuilder(text.length());
    boolean space = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
        if (!space) {
          line.append(' ');
        }
        space = true;
      } else {
        line.append(c);
        space = false;
      }
    }
    return line.toString().strip();
  }
}
