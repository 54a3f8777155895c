package io.stow.cli;

import io.stow.cli.systemd.SystemdException;
import io.stow.cli.trigger.TriggerException;
import io.stow.daemon.notify.NotifyException;
import io.stow.daemon.startup.DaemonStartException;
import io.stow.docker.DockerOperationException;
import io.stow.engine.suggest.SuggestImageException;
import io.stow.gitlab.GitLabException;
import io.stow.model.parse.DescriptorException;
import io.stow.model.parse.Problem;
import io.stow.sops.SopsException;
import java.io.PrintStream;

/**
 * Prints a failure for a person: the message (every problem of an invalid descriptor on its own
 * line), and the stack trace only when asked for.
 */
final class ErrorReporter {

  private final PrintStream err;

  ErrorReporter(PrintStream err) {
    this.err = err;
  }

  void report(Exception e, boolean stacktrace) {
    if (e instanceof DescriptorException invalid) {
      for (Problem problem : invalid.problems()) {
        err.println("error: " + problem);
      }
    } else {
      err.println("error: " + message(e));
    }
    if (stacktrace) {
      e.printStackTrace(err);
    } else if (!explained(e)) {
      err.println("(run with --stacktrace for details)");
    }
  }

  /** A JVM error (out of memory, stack overflow): one line, the trace only when asked for. */
  void reportError(Error e, boolean stacktrace) {
    String message = e.getMessage();
    String what =
        e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    if (stacktrace) {
      err.println("error: " + what);
      e.printStackTrace(err);
    } else {
      err.println("error: " + what + " (run with --stacktrace for details)");
    }
  }

  /** Failures whose message already says what and where; a stack trace would add nothing. */
  private static boolean explained(Exception e) {
    return e instanceof DescriptorException
        || e instanceof SopsException
        || e instanceof DockerOperationException
        || e instanceof GitLabException
        || e instanceof SuggestImageException
        || e instanceof TriggerException
        || e instanceof SystemdException
        || e instanceof DaemonStartException
        || e instanceof NotifyException
        || e instanceof java.nio.file.NoSuchFileException;
  }

  private static String message(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + message;
    }
    return message;
  }
}
