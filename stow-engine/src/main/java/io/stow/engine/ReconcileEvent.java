package io.stow.engine;

import io.stow.engine.plan.Plan;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Progress of a reconcile, delivered to {@link EngineEvents}. Never carries a secret value. */
public sealed interface ReconcileEvent {

  /** A step began; {@code rollback} when it is a step of a rollback. */
  record StepStarted(StepName step, boolean rollback) implements ReconcileEvent {
    public StepStarted {
      Objects.requireNonNull(step, "step");
    }

    /** {@code plan} or {@code rollback.plan}, as in the report's durations. */
    public String label() {
      return step.label(rollback);
    }
  }

  /** A step ended (successfully or not) after {@code duration}. */
  record StepFinished(StepName step, boolean rollback, Duration duration, boolean succeeded)
      implements ReconcileEvent {
    public StepFinished {
      Objects.requireNonNull(step, "step");
      Objects.requireNonNull(duration, "duration");
    }

    /** {@code plan} or {@code rollback.plan}, as in the report's durations. */
    public String label() {
      return step.label(rollback);
    }
  }

  /**
   * The commit the run deploys is known: the revision a reconcile staged, or the running snapshot's
   * revision a repair restores. Comes once per run, before anything on the host changes.
   */
  record RevisionKnown(String revision) implements ReconcileEvent {
    public RevisionKnown {
      Objects.requireNonNull(revision, "revision");
    }
  }

  /** The plan is known (also for the rollback plan). */
  record PlanReady(Plan plan, boolean rollback) implements ReconcileEvent {
    public PlanReady {
      Objects.requireNonNull(plan, "plan");
    }
  }

  /** Docker reported pull progress for an image; {@code total} is 0 when unknown. */
  record PullProgressed(
      String image, String status, Optional<String> layer, long current, long total)
      implements ReconcileEvent {
    public PullProgressed {
      Objects.requireNonNull(image, "image");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(layer, "layer");
    }
  }

  /** An image is available locally; {@code pulled} is false when it was present already. */
  record ImageReady(String image, boolean pulled) implements ReconcileEvent {
    public ImageReady {
      Objects.requireNonNull(image, "image");
    }
  }

  /**
   * One line an image build printed, for the container it is built for; values from the
   * deployment's {@code .env} are masked.
   */
  record BuildOutput(String container, String line) implements ReconcileEvent {
    public BuildOutput {
      Objects.requireNonNull(container, "container");
      Objects.requireNonNull(line, "line");
    }
  }

  /**
   * The image a container runs from the folder is ready: {@code built} false when an image with
   * that tag was there already (nothing in its build changed).
   */
  record ImageBuilt(String container, String tag, boolean built) implements ReconcileEvent {
    public ImageBuilt {
      Objects.requireNonNull(container, "container");
      Objects.requireNonNull(tag, "tag");
    }
  }

  /** A container's dependency reached its {@code depends_on} condition after {@code waited}. */
  record DependencyReady(String container, String dependency, String condition, Duration waited)
      implements ReconcileEvent {
    public DependencyReady {
      Objects.requireNonNull(container, "container");
      Objects.requireNonNull(dependency, "dependency");
      Objects.requireNonNull(condition, "condition");
      Objects.requireNonNull(waited, "waited");
    }
  }

  /** What happened to a container. */
  enum Change {
    STOPPED,
    REMOVED,
    CREATED,
    STARTED
  }

  /** A container was stopped, removed, created or started. */
  record ContainerChanged(String container, Change change) implements ReconcileEvent {
    public ContainerChanged {
      Objects.requireNonNull(container, "container");
      Objects.requireNonNull(change, "change");
    }
  }

  /** A named volume exists (it was created, or was there already with its data). */
  record VolumeEnsured(String volume) implements ReconcileEvent {
    public VolumeEnsured {
      Objects.requireNonNull(volume, "volume");
    }
  }

  /** A declared network exists (it was created or was there already). */
  record NetworkEnsured(String network) implements ReconcileEvent {
    public NetworkEnsured {
      Objects.requireNonNull(network, "network");
    }
  }

  /**
   * One verification poll: how long verification has run out of {@code timeout}, how long the
   * deployment has been valid out of {@code stable}, and what is wrong (empty when valid).
   */
  record VerificationTick(
      Duration elapsed,
      Duration timeout,
      Duration stableFor,
      Duration stable,
      List<String> problems)
      implements ReconcileEvent {
    public VerificationTick {
      Objects.requireNonNull(elapsed, "elapsed");
      Objects.requireNonNull(timeout, "timeout");
      Objects.requireNonNull(stableFor, "stableFor");
      Objects.requireNonNull(stable, "stable");
      problems = List.copyOf(problems);
    }

    /** Time left before verification gives up. */
    public Duration remaining() {
      Duration left = timeout.minus(elapsed);
      return left.isNegative() ? Duration.ZERO : left;
    }
  }

  /**
   * A rollback began: to {@code targetHash}, or (empty) removal of a failed first deployment;
   * {@code recovery} when it repairs an apply that an earlier process did not finish.
   */
  record RollbackStarted(String reason, Optional<String> targetHash, boolean recovery)
      implements ReconcileEvent {
    public RollbackStarted {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(targetHash, "targetHash");
    }
  }

  /** Something worth telling the operator that does not fail the run. */
  record Warning(String message) implements ReconcileEvent {
    public Warning {
      Objects.requireNonNull(message, "message");
    }
  }
}
