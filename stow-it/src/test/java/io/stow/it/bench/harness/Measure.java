package io.stow.it.bench.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * Times repeated runs. How many: {@code -Dstow.bench.rounds} (default {@value #DEFAULT_ROUNDS})
 * measured runs after {@code -Dstow.bench.warmups} (default {@value #DEFAULT_WARMUPS}) untimed
 * ones; short counts suit development, the defaults a run for the record.
 */
public final class Measure {

  static final int DEFAULT_ROUNDS = 7;
  static final int DEFAULT_WARMUPS = 2;

  /** A run's body. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  /** A run that measures itself (e.g. a figure parsed from a tool's output). */
  @FunctionalInterface
  public interface Figure {
    double measure() throws Exception;
  }

  private Measure() {}

  public static int rounds() {
    return positive("stow.bench.rounds", DEFAULT_ROUNDS);
  }

  public static int warmups() {
    return Math.max(0, Integer.getInteger("stow.bench.warmups", DEFAULT_WARMUPS));
  }

  /** The wall time of {@code body}, in milliseconds, over the configured warm-ups and rounds. */
  public static Sample millis(Body body) throws Exception {
    return millis(warmups(), rounds(), body);
  }

  /** The wall time of {@code body}, in milliseconds, after {@code warmups} untimed runs. */
  public static Sample millis(int warmups, int rounds, Body body) throws Exception {
    return repeat(warmups, rounds, () -> time(body));
  }

  /** What {@code figure} measures, over the configured warm-ups and rounds. */
  public static Sample repeat(Figure figure) throws Exception {
    return repeat(warmups(), rounds(), figure);
  }

  public static Sample repeat(int warmups, int rounds, Figure figure) throws Exception {
    for (int i = 0; i < warmups; i++) {
      figure.measure();
    }
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      values.add(figure.measure());
    }
    return new Sample(values);
  }

  /** One run's wall time in milliseconds. */
  public static double time(Body body) throws Exception {
    long start = System.nanoTime();
    body.run();
    return (System.nanoTime() - start) / 1e6;
  }

  private static int positive(String property, int fallback) {
    int value = Integer.getInteger(property, fallback);
    if (value < 1) {
      throw new IllegalArgumentException("-D" + property + " must be at least 1, got " + value);
    }
    return value;
  }
}
