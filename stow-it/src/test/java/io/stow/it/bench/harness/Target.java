package io.stow.it.bench.harness;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a figure aims at, and how to tell whether a row meets it. Targets are printed, never
 * asserted: a benchmark reports where stow stands.
 *
 * @param text how the target reads in a table, e.g. {@code ≤ 1.3× list call}
 */
public record Target(String text, Predicate<Row> check) {

  public Target {
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(check, "check");
  }

  /** The row's median is at most {@code limit} times its baseline's. */
  public static Target ratioAtMost(double limit, String baseline) {
    return new Target(
        "≤ " + Unit.number(limit) + "× " + baseline,
        row -> row.ratio().map(r -> r <= limit).orElse(false));
  }

  /** The row's median is at least {@code limit} times its baseline's (rates, throughputs). */
  public static Target ratioAtLeast(double limit, String baseline) {
    return new Target(
        "≥ " + Unit.number(limit) + "× " + baseline,
        row -> row.ratio().map(r -> r >= limit).orElse(false));
  }

  /** The row's median is below its baseline's: faster than it. */
  public static Target fasterThan(String baseline) {
    return new Target("faster than " + baseline, row -> row.ratio().map(r -> r < 1).orElse(false));
  }

  /** The row's median is at most {@code limit}. */
  public static Target atMost(double limit, Unit unit) {
    return new Target("≤ " + unit.format(limit), row -> row.sample().median() <= limit);
  }

  /** The row's median is below {@code limit}. */
  public static Target below(double limit, Unit unit) {
    return new Target("< " + unit.format(limit), row -> row.sample().median() < limit);
  }

  /** A target whose outcome the benchmark decided itself (e.g. "the run completed"). */
  public static Target decided(String text, boolean met) {
    return new Target(text, row -> met);
  }

  public boolean met(Row row) {
    return check.test(row);
  }
}
