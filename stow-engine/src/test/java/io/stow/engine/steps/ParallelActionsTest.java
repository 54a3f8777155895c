package io.stow.engine.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stow.engine.ContainerOutcome;
import io.stow.engine.ContainerOutcome.Result;
import io.stow.engine.plan.ActionKind;
import io.stow.engine.plan.PlannedAction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelActionsTest {

  private static List<PlannedAction> deletes(int count) {
    return IntStream.range(0, count)
        .mapToObj(
            i ->
                new PlannedAction(
                    "c" + i,
                    ActionKind.DELETE,
                    "not-in-manifest",
                    Optional.empty(),
                    Optional.empty()))
        .toList();
  }

  private static Optional<ContainerOutcome> deleted(PlannedAction action) {
    return Optional.of(
        new ContainerOutcome(action.container(), action.kind(), Result.DELETED, Optional.empty()));
  }

  @Test
  void run_handlesUpToConcurrencyActionsAtOnce() {
    CountDownLatch allFourStarted = new CountDownLatch(4);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peak = new AtomicInteger();
    List<ContainerOutcome> outcomes = new ArrayList<>();

    new ParallelActions(4)
        .run(
            deletes(8),
            action -> {
              peak.accumulateAndGet(running.incrementAndGet(), Math::max);
              allFourStarted.countDown();
              try {
                // the first four only finish once four run at the same time
                assertThat(allFourStarted.await(10, TimeUnit.SECONDS)).isTrue();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
              running.decrementAndGet();
              return deleted(action);
            },
            outcomes::add);

    assertThat(peak.get()).isEqualTo(4);
    assertThat(outcomes).hasSize(8);
  }

  @Test
  void run_reportsOutcomesInPlanOrderWhateverOrderTheyFinishIn() {
    List<ContainerOutcome> outcomes = new ArrayList<>();
    List<String> finished = Collections.synchronizedList(new ArrayList<>());
    List<CountDownLatch> done = IntStream.range(0, 7).mapToObj(i -> new CountDownLatch(1)).toList();
    done.get(6).countDown();
    new ParallelActions(6)
        .run(
            deletes(6),
            action -> {
              // each action finishes only after the one behind it in the plan: c5 first, c0 last
              int i = Integer.parseInt(action.container().substring(1));
              await(done.get(i + 1));
              finished.add(action.container());
              done.get(i).countDown();
              return deleted(action);
            },
            outcomes::add);

    assertThat(finished).containsExactly("c5", "c4", "c3", "c2", "c1", "c0");
    assertThat(outcomes)
        .extracting(ContainerOutcome::container)
        .containsExactly("c0", "c1", "c2", "c3", "c4", "c5");
  }

  @Test
  void run_attemptsEveryActionAndRethrowsTheFirstFailureInPlanOrder() {
    Set<String> attempted = Collections.newSetFromMap(new ConcurrentHashMap<>());
    List<ContainerOutcome> outcomes = new ArrayList<>();
    List<String> failedInTime = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch c4Failed = new CountDownLatch(1);

    assertThatThrownBy(
            () ->
                new ParallelActions(3)
                    .run(
                        deletes(6),
                        action -> {
                          attempted.add(action.container());
                          if (action.container().equals("c4")) {
                            failedInTime.add("c4");
                            c4Failed.countDown();
                            throw new IllegalStateException("c4 broke");
                          }
                          if (action.container().equals("c2")) {
                            await(c4Failed); // fails after c4, but comes first in the plan
                            failedInTime.add("c2");
                            throw new IllegalStateException("c2 broke");
                          }
                          return deleted(action);
                        },
                        outcomes::add))
        .hasMessage("c2 broke");

    assertThat(failedInTime).containsExactly("c4", "c2");
    assertThat(attempted).hasSize(6);
    assertThat(outcomes)
        .extracting(ContainerOutcome::container, ContainerOutcome::result)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("c0", Result.DELETED),
            org.assertj.core.groups.Tuple.tuple("c1", Result.DELETED),
            org.assertj.core.groups.Tuple.tuple("c2", Result.FAILED),
            org.assertj.core.groups.Tuple.tuple("c3", Result.DELETED),
            org.assertj.core.groups.Tuple.tuple("c4", Result.FAILED),
            org.assertj.core.groups.Tuple.tuple("c5", Result.DELETED));
  }

  @Test
  void run_withConcurrencyOneStaysOnTheCallingThread() {
    Thread caller = Thread.currentThread();
    List<Thread> threads = new ArrayList<>();
    new ParallelActions(1)
        .run(
            deletes(3),
            action -> {
              threads.add(Thread.currentThread());
              return deleted(action);
            },
            outcome -> {});
    assertThat(threads).containsOnly(caller).hasSize(3);
  }

  /** Waits for another action; bounded, so a broken test fails instead of hanging. */
  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the action this one waits for never finished");
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
