package io.stow.engine.steps;

import io.stow.docker.DockerOperationException;
import io.stow.engine.ReconcileException;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.VerificationReport;
import io.stow.engine.source.SourceException;
import io.stow.engine.state.StateLockedException;
import io.stow.model.FileOwnership;
import io.stow.model.parse.DescriptorException;
import io.stow.sops.SopsException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Turns what went wrong in a run into the operator-facing reason. */
final class Failures {

  private Failures() {}

  /**
   * The reason for a failure: the message alone for stow's own exceptions, which already say what,
   * where and what to do; for file-system failures the path and what was wrong; for anything else
   * (a bug in stow) that it is one.
   */
  static String describe(Throwable e) {
    if (isExpected(e)) {
      return e.getMessage();
    }
    if (e instanceof NoSuchFileException n) {
      return "no such file: "
          + n.getFile()
          + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
    }
    if (e instanceof AccessDeniedException denied) {
      return "permission denied: "
          + denied.getFile()
          + (denied.getFile() == null
              ? ""
              : ", " + FileOwnership.describe(Path.of(denied.getFile())));
    }
    if (e instanceof FileSystemException fs) {
      return fs.getReason() == null
          ? "I/O error: " + fs.getMessage()
          : "I/O error: " + fs.getFile() + ": " + fs.getReason();
    }
    if (e instanceof IOException) {
      return "I/O error: " + e.getMessage();
    }
    return "internal error in stow (a bug; please report it with the output of --stacktrace): "
        + e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  /**
   * Whether {@code e} is a bug in stow rather than a failure of the deployment, the host or its
   * input: a runtime exception that is none of stow's own failure types. A bug is reported as such
   * and never answered with an automatic rollback, whose steps could hit the same bug.
   */
  static boolean isBug(Throwable e) {
    return e instanceof RuntimeException && !isExpected(e);
  }

  private static boolean isExpected(Throwable e) {
    return e instanceof StepFailure
        || e instanceof SourceException
        || e instanceof StateLockedException
        || e instanceof DockerOperationException
        || e instanceof SopsException
        || e instanceof DescriptorException
        || e instanceof ReconcileException;
  }

  /** Why a deployment failed verification, to follow "deployment ..." or "the restored ...". */
  static String verificationFailure(VerificationReport v) {
    return "did not stay valid for "
        + v.stable().toSeconds()
        + "s within "
        + v.timeout().toSeconds()
        + "s: "
        + (v.lastProblems().isEmpty()
            ? "not stable long enough"
            : String.join("; ", v.lastProblems()));
  }

  /**
   * Records a failure that happened before anything on the host was touched and returns the
   * exception to throw; a {@link ReconcileException} passes through as it is.
   */
  static ReconcileException beforeChanges(RunRecorder rec, Exception e) {
    if (e instanceof ReconcileException r) {
      return r;
    }
    keepInterruptFlag(e);
    String reason = describe(e);
    rec.failure(reason);
    return new ReconcileException(
        reason + "; nothing on the host was changed",
        rec.build(ReconcileStatus.FAILED_BEFORE_CHANGES),
        e);
  }

  /** Sets the thread's interrupt flag again when {@code e} consumed it, so callers still see it. */
  static void keepInterruptFlag(Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }
}
