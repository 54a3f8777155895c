package io.stow.it.bench.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The values one figure took over several runs, in the figure's unit, in the order they were taken.
 *
 * @param values at least one value
 */
public record Sample(List<Double> values) {

  public Sample {
    values = List.copyOf(Objects.requireNonNull(values, "values"));
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a sample needs at least one value");
    }
  }

  public static Sample of(double... values) {
    List<Double> list = new ArrayList<>();
    for (double v : values) {
      list.add(v);
    }
    return new Sample(list);
  }

  public double median() {
    List<Double> sorted = sorted();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  public double min() {
    return Collections.min(values);
  }

  public double max() {
    return Collections.max(values);
  }

  public int runs() {
    return values.size();
  }

  /** Each value mapped, e.g. milliseconds to a throughput. */
  public Sample map(java.util.function.DoubleUnaryOperator f) {
    return new Sample(values.stream().map(f::applyAsDouble).toList());
  }

  private List<Double> sorted() {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted;
  }
}
