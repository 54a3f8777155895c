package io.stow.daemon.log;

import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sends what Undertow, XNIO and JBoss Threads log (through java.util.logging) to the daemon's log,
 * one line per record, warnings and errors only: their start-up banners would otherwise appear as
 * two-line stderr records beside the daemon's own lines.
 */
public final class LibraryLogs {

  private static final List<String> NAMES = List.of("io.undertow", "org.xnio", "org.jboss");

  /** Strong references: java.util.logging keeps only weak ones, and would forget the levels. */
  private static final List<Logger> LOGGERS = NAMES.stream().map(Logger::getLogger).toList();

  private LibraryLogs() {}

  /** Routes the libraries' warnings and errors to {@code log}; drops the rest. */
  public static void routeTo(DaemonLog log) {
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (!isLoggable(record)) {
              return;
            }
            String text = record.getLoggerName() + ": " + message(record);
            if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
              log.error(text);
            } else {
              log.warn(text);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    handler.setLevel(Level.WARNING);
    for (Logger logger : LOGGERS) {
      for (Handler old : logger.getHandlers()) {
        logger.removeHandler(old);
      }
      logger.setUseParentHandlers(false);
      logger.setLevel(Level.WARNING);
      logger.addHandler(handler);
    }
  }

  private static String message(LogRecord record) {
    String message = record.getMessage();
    Object[] parameters = record.getParameters();
    if (message != null && parameters != null && parameters.length > 0) {
      try {
        message = java.text.MessageFormat.format(message, parameters);
      } catch (IllegalArgumentException e) {
        // not a MessageFormat pattern: keep the raw message
      }
    }
    if (record.getThrown() != null) {
      message = message + " (" + record.getThrown() + ")";
    }
    return message;
  }
}
