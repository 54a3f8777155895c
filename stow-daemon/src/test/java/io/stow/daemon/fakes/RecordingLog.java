package io.stow.daemon.fakes;

import io.stow.daemon.log.DaemonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A {@link DaemonLog} in memory, in journald's format (no timestamps). */
public final class RecordingLog {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final DaemonLog log =
      DaemonLog.to(new PrintStream(bytes, true, StandardCharsets.UTF_8), new MutableClock(), true);

  public DaemonLog log() {
    return log;
  }

  public synchronized String text() {
    synchronized (bytes) {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  public List<String> lines() {
    return text().lines().toList();
  }
}
