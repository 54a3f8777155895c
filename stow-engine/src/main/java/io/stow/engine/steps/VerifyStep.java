package io.stow.engine.steps;

import io.stow.docker.ContainerState;
import io.stow.docker.DockerHost;
import io.stow.docker.EngineUnreachableException;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.Sleeper;
import io.stow.engine.StepName;
import io.stow.engine.VerificationReport;
import io.stow.engine.VerificationSample;
import io.stow.model.ContainerSpec;
import io.stow.model.Descriptor;
import io.stow.model.StowLabels;
import io.stow.model.VerifySettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a deployment: every desired container exists, is running, is not restarting, has
 * RestartCount 0, carries both stow labels and is {@code healthy} when it has a healthcheck; the
 * whole deployment must stay valid for {@code stable} continuously within {@code timeout}. Any
 * problem, including a container that starts again, resets the stable timer. Time comes from the
 * injected clock and sleeper.
 *
 * <p>A job that runs to completion (another container waits for it with {@code
 * service_completed_successfully}) is valid once it exited with code 0 without restarting: it is
 * not expected to keep running.
 *
 * <p>A container this run left untouched (a noop while others were repaired) may carry restarts
 * from long ago; for it only restarts during verification count, or one old crash would fail every
 * later repair of its deployment.
 */
final class VerifyStep implements Step<Prepared, VerificationReport> {

  private static final int MAX_TIMELINE = 500;

  private final DockerHost docker;
  private final RunRecorder recorder;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration pollInterval;

  VerifyStep(
      DockerHost docker,
      RunRecorder recorder,
      Clock clock,
      Sleeper sleeper,
      Duration pollInterval) {
    this.docker = docker;
    this.recorder = recorder;
    this.clock = clock;
    this.sleeper = sleeper;
    this.pollInterval = pollInterval;
  }

  @Override
  public StepName name() {
    return StepName.VERIFY;
  }

  /** Verifies the target; containers its plan left unchanged count only new restarts. */
  @Override
  public VerificationReport run(Prepared applied) throws InterruptedException {
    Descriptor desired = applied.target().descriptor();
    String deploymentHash = applied.target().deploymentHash();
    Set<String> unchanged = applied.plan().unchanged();
    VerifySettings settings = desired.deployment().verify();
    Duration timeout = settings.timeout();
    Duration stable = settings.stable();
    Map<String, Instant> startedAt = new HashMap<>();
    Map<String, Integer> baseline = new HashMap<>();
    List<VerificationSample> timeline = new ArrayList<>();
    Instant start = clock.instant();
    Instant validSince = null;
    List<String> previous = null;
    while (true) {
      Instant now = clock.instant();
      Duration elapsed = Duration.between(start, now);
      List<String> problems;
      try {
        problems = problems(desired, deploymentHash, startedAt, unchanged, baseline);
      } catch (EngineUnreachableException e) {
        // a restarting engine is a problem of the deployment's window, not the end of it
        problems = List.of("the Docker engine is not answering");
      }
      if (problems.isEmpty()) {
        validSince = validSince == null ? now : validSince;
      } else {
        validSince = null;
      }
      Duration stableFor = validSince == null ? Duration.ZERO : Duration.between(validSince, now);
      boolean passed = problems.isEmpty() && stableFor.compareTo(stable) >= 0;
      boolean timedOut = !passed && elapsed.compareTo(timeout) >= 0;
      if (!problems.equals(previous) || passed || timedOut) {
        if (timeline.size() < MAX_TIMELINE) {
          timeline.add(new VerificationSample(elapsed, stableFor, problems));
        }
        previous = problems;
      }
      recorder.emit(
          new ReconcileEvent.VerificationTick(elapsed, timeout, stableFor, stable, problems));
      if (passed || timedOut) {
        return new VerificationReport(deploymentHash, passed, timeout, stable, elapsed, timeline);
      }
      Duration wait = pollInterval;
      Duration untilTimeout = timeout.minus(elapsed);
      if (untilTimeout.compareTo(wait) < 0) {
        wait = untilTimeout;
      }
      if (validSince != null && stable.minus(stableFor).compareTo(wait) < 0) {
        wait = stable.minus(stableFor);
      }
      sleeper.sleep(wait);
    }
  }

  private List<String> problems(
      Descriptor desired,
      String deploymentHash,
      Map<String, Instant> startedAt,
      Set<String> unchanged,
      Map<String, Integer> baseline) {
    String deployment = desired.deployment().name();
    String hash = StowLabels.hashValue(deploymentHash);
    List<String> problems = new ArrayList<>();
    Set<String> jobs = desired.jobs();
    for (ContainerSpec spec : desired.containers()) {
      String name = spec.name();
      Optional<ContainerState> found = docker.inspect(name);
      if (found.isEmpty()) {
        problems.add(name + ": missing");
        continue;
      }
      ContainerState state = found.get();
      if (!deployment.equals(state.labels().get(StowLabels.DEPLOYMENT))) {
        problems.add(name + ": label " + StowLabels.DEPLOYMENT + " is not " + deployment);
      }
      if (!hash.equals(state.labels().get(StowLabels.HASH))) {
        problems.add(
            name
                + ": label "
                + StowLabels.HASH
                + " is "
                + state.labels().getOrDefault(StowLabels.HASH, "missing")
                + ", expected "
                + hash);
      }
      boolean job = jobs.contains(name);
      if (state.restarting()) {
        problems.add(name + ": restarting");
      } else if (job && !state.running()) {
        if (!state.exitCode().equals(Optional.of(0))) {
          problems.add(
              name
                  + ": a job that must complete with exit code 0 ended (status "
                  + state.status()
                  + state.exitCode().map(c -> ", exit code " + c).orElse("")
                  + ")");
        }
      } else if (!state.running()) {
        problems.add(
            name
                + ": not running (status "
                + state.status()
                + state.exitCode().map(c -> ", exit code " + c).orElse("")
                + ")");
      }
      int before =
          unchanged.contains(name) ? baseline.computeIfAbsent(name, n -> state.restartCount()) : 0;
      if (state.restartCount() > before) {
        problems.add(
            name
                + ": restarted "
                + (state.restartCount() - before)
                + " time(s)"
                + (before > 0 ? " during verification" : ""));
      }
      boolean declaresHealthcheck = spec.healthcheck().map(h -> !h.disable()).orElse(false);
      if (state.health().isPresent() && !state.health().get().equals("healthy")) {
        problems.add(name + ": health " + state.health().get());
      } else if (state.health().isEmpty() && declaresHealthcheck && state.running()) {
        problems.add(name + ": no health status yet");
      }
      if (state.startedAt().isPresent()) {
        Instant first = startedAt.putIfAbsent(name, state.startedAt().get());
        if (first != null && !first.equals(state.startedAt().get())) {
          startedAt.put(name, state.startedAt().get());
          problems.add(name + ": started again at " + state.startedAt().get());
        }
      }
    }
    return problems;
  }
}
