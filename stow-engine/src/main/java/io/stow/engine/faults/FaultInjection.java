package io.stow.engine.faults;

import io.stow.engine.EngineEvents;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileEvent.ContainerChanged;
import io.stow.engine.ReconcileEvent.StepFinished;
import io.stow.engine.ReconcileEvent.VerificationTick;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fault-injection point for testing what a crash leaves behind: with {@code
 * STOW_FAULT_PAUSE_AT=<point>} in its environment, a front end stops at that point of the first
 * run, prints {@value #MARKER}{@code <point>} to stderr and waits there for ever, so a test can
 * SIGKILL the process at exactly that step. Points: {@code step:<label>} (after a step, e.g. {@code
 * step:pull}, {@code step:snapshot}), {@code stopped}, {@code removed}, {@code created}, {@code
 * started} (after the first such container change) and {@code verify} (at the first verification
 * poll). Without the variable nothing changes.
 */
public final class FaultInjection implements EngineEvents {

  /** The environment variable naming the point. */
  public static final String VARIABLE = "STOW_FAULT_PAUSE_AT";

  /** What is printed, followed by the point, when the process stops there. */
  public static final String MARKER = "stow-fault: paused at ";

  private final EngineEvents delegate;
  private final String point;
  private final PrintStream err;
  private final AtomicBoolean reached = new AtomicBoolean();

  private FaultInjection(EngineEvents delegate, String point, PrintStream err) {
    this.delegate = delegate;
    this.point = point;
    this.err = err;
  }

  /** {@code events}, or {@code events} with the point the environment names. */
  public static EngineEvents wrap(
      EngineEvents events, Map<String, String> environment, PrintStream err) {
    Objects.requireNonNull(events, "events");
    String point = environment.getOrDefault(VARIABLE, "").strip();
    return point.isEmpty() ? events : new FaultInjection(events, point, err);
  }

  @Override
  public void on(ReconcileEvent event) {
    delegate.on(event);
    if (matches(event) && reached.compareAndSet(false, true)) {
      err.println(MARKER + point);
      err.flush();
      pauseForever();
    }
  }

  private boolean matches(ReconcileEvent event) {
    if (event instanceof StepFinished finished) {
      return point.equals("step:" + finished.label());
    }
    if (event instanceof ContainerChanged changed) {
      return point.equals(changed.change().name().toLowerCase(Locale.ROOT));
    }
    return event instanceof VerificationTick && point.equals("verify");
  }

  private static void pauseForever() {
    Object never = new Object();
    synchronized (never) {
      while (true) {
        try {
          never.wait();
        } catch (InterruptedException e) {
          // only SIGKILL ends this: that is the point
        }
      }
    }
  }
}
