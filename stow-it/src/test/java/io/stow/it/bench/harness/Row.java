package io.stow.it.bench.harness;

import java.util.Objects;
import java.util.Optional;

/**
 * One figure of a benchmark: what was measured, its runs, and the baseline (measured in the same
 * run) it is compared with.
 *
 * @param what what was measured, as the table shows it
 * @param name a short name other rows use to refer to this one as their baseline
 * @param baseline the row this one is divided by; empty for a baseline itself
 */
public record Row(
    String what,
    String name,
    Sample sample,
    Unit unit,
    Optional<Row> baseline,
    Optional<Target> target) {

  public Row {
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(target, "target");
    baseline.ifPresent(
        b -> {
          if (b.unit() != unit) {
            throw new IllegalArgumentException(what + " is in " + unit + ", its baseline not");
          }
        });
  }

  /** This row's median divided by its baseline's. */
  public Optional<Double> ratio() {
    return baseline.map(b -> sample.median() / b.sample().median());
  }

  /** Whether the target is met; empty without a target. */
  public Optional<Boolean> met() {
    return target.map(t -> t.met(this));
  }
}
