package io.stow.daemon.fakes;

import io.stow.daemon.host.HostActions;
import io.stow.engine.HostStatus;
import io.stow.engine.ReconcileMode;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileStatus;
import io.stow.engine.ResolvedRevision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A host in memory: a GitLab branch whose head tests move, commits with known deployment hashes,
 * and what "runs" (revision and hash). A reconcile deploys the head; {@link #duringReconcile} runs
 * inside it (to fire triggers while it is active, or to block). Records every call.
 */
public final class FakeHostActions implements HostActions {

  private final List<String> calls = new ArrayList<>();
  private final Map<String, String> hashes = new ConcurrentHashMap<>();
  private volatile String head;
  private volatile Optional<String> runningRevision = Optional.empty();
  private volatile RuntimeException nextReconcileFailure;
  private volatile RuntimeException nextRepairFailure;
  private volatile RuntimeException repairFailure;
  private volatile boolean repairChanges;
  private volatile RuntimeException headFailure;
  private volatile Optional<ReconcileReport> interrupted = Optional.empty();
  private volatile RuntimeException recoveryFailure;
  private volatile Runnable duringReconcile = () -> {};
  private volatile Supplier<ResolvedRevision> duringResolve;

  /** {@code commit} describes a deployment with {@code hash}. */
  public FakeHostActions commit(String commit, String hash) {
    hashes.put(commit, hash);
    return this;
  }

  /** Moves the tracked branch to {@code commit}. */
  public FakeHostActions head(String commit) {
    head = commit;
    return this;
  }

  /** Makes {@code commit} the running deployment. */
  public FakeHostActions running(String commit) {
    runningRevision = Optional.of(commit);
    return this;
  }

  public FakeHostActions failNextReconcile(RuntimeException failure) {
    nextReconcileFailure = failure;
    return this;
  }

  public FakeHostActions failNextRepair(RuntimeException failure) {
    nextRepairFailure = failure;
    return this;
  }

  /** Every repair fails with {@code failure} until it is set to null. */
  public FakeHostActions failRepairs(RuntimeException failure) {
    repairFailure = failure;
    return this;
  }

  public FakeHostActions repairChanges(boolean value) {
    repairChanges = value;
    return this;
  }

  public FakeHostActions headFails(RuntimeException failure) {
    headFailure = failure;
    return this;
  }

  public FakeHostActions interruptedApply() {
    interrupted =
        Optional.of(
            Reports.report(
                ReconcileMode.RECOVERY,
                ReconcileStatus.SUCCEEDED,
                Optional.empty(),
                Optional.empty(),
                true));
    return this;
  }

  public FakeHostActions recoveryFails(RuntimeException failure) {
    recoveryFailure = failure;
    return this;
  }

  public FakeHostActions duringReconcile(Runnable action) {
    duringReconcile = action;
    return this;
  }

  /** Replaces the resolution of any commit (e.g. to block until a test releases it). */
  public FakeHostActions duringResolve(Supplier<ResolvedRevision> action) {
    duringResolve = action;
    return this;
  }

  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  public synchronized long count(String call) {
    return calls.stream().filter(call::equals).count();
  }

  private synchronized void record(String call) {
    calls.add(call);
  }

  @Override
  public Optional<ReconcileReport> recoverInterruptedApply() {
    record("recover");
    if (recoveryFailure != null) {
      throw recoveryFailure;
    }
    Optional<ReconcileReport> report = interrupted;
    interrupted = Optional.empty();
    return report;
  }

  @Override
  public ReconcileReport reconcileHead() {
    record("reconcile");
    duringReconcile.run();
    RuntimeException failure = nextReconcileFailure;
    if (failure != null) {
      nextReconcileFailure = null;
      throw failure;
    }
    String commit = head;
    runningRevision = Optional.of(commit);
    return Reports.deployed(commit, hashes.getOrDefault(commit, "hash-of-" + commit));
  }

  @Override
  public ReconcileReport repair() {
    record("repair");
    RuntimeException failure = nextRepairFailure;
    if (failure != null) {
      nextRepairFailure = null;
      throw failure;
    }
    if (repairFailure != null) {
      throw repairFailure;
    }
    return Reports.report(
        ReconcileMode.REPAIR,
        ReconcileStatus.SUCCEEDED,
        runningRevision,
        Optional.empty(),
        repairChanges);
  }

  @Override
  public String branchHead() {
    record("head");
    if (headFailure != null) {
      throw headFailure;
    }
    return head;
  }

  @Override
  public String trackedBranch() {
    return "main";
  }

  @Override
  public ResolvedRevision resolve(String commit) {
    record("resolve " + commit);
    if (duringResolve != null) {
      return duringResolve.get();
    }
    String hash = hashes.get(commit);
    if (hash == null) {
      throw new IllegalStateException("GitLab answered 404 for commit " + commit);
    }
    return new ResolvedRevision(commit, Reports.hashes(hash));
  }

  @Override
  public HostStatus status() {
    record("status");
    Optional<String> revision = runningRevision;
    return new HostStatus(
        revision.map(r -> "app"),
        revision.map(r -> hashes.getOrDefault(r, "hash-of-" + r)),
        revision,
        revision.map(r -> java.nio.file.Path.of("/state/.stow/snapshots/" + r)),
        false,
        List.of(
            new HostStatus.Container(
                "web",
                "running",
                true,
                Optional.of("healthy"),
                0,
                Optional.empty(),
                Optional.empty())));
  }
}
