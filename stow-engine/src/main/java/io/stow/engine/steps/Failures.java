package io.stow.engine.steps;

import io.stow.docker.DockerOperationException;
import io.stow.engine.ReconcileException;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.VerificationReport;
import io.stow.engine.source.SourceException;
import io.stow.engine.state.StateLockedException;
import io.stow.sops.SopsException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;

/** Turns what went wrong in a run into the operator-facing reason. */
final class Failures {

  private Failures() {}

  /**
   * The reason for a failure: the message alone for stow's own exceptions, which already say what,
   * where and what to do; otherwise the kind of failure with its message.
   */
  static String describe(Throwable e) {
    if (e instanceof StepFailure
        || e instanceof SourceException
        || e instanceof StateLockedException
        || e instanceof DockerOperationException
        || e instanceof SopsException) {
      return e.getMessage();
    }
    if (e instanceof NoSuchFileException n) {
      return "no such file: "
          + n.getFile()
          + (n.getReason() == null ? "" : " (" + n.getReason() + ")");
    }
    if (e instanceof IOException) {
      return "I/O error: " + e.getMessage();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
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
