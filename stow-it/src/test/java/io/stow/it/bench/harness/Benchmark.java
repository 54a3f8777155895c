package io.stow.it.bench.harness;

/**
 * One benchmark of the suite. It measures stow and its baselines in the same run and fills its
 * {@link Section}; it asserts nothing. What it creates in Docker carries the run's label and is
 * removed by the suite afterwards, also when it fails.
 */
public interface Benchmark {

  /** The number of the benchmark in issue 12 and in {@code docs/benchmarks.md}. */
  String number();

  String title();

  /** Measures; rows added before a failure stay in the results. */
  void run(BenchContext context, Section section) throws Exception;
}
