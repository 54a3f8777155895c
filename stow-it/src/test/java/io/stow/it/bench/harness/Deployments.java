package io.stow.it.bench.harness;

import io.stow.it.support.StowYaml;
import java.util.Locale;

/**
 * The deployments the benchmarks run: {@code count} containers of the test image named {@code
 * <deployment>-cNN}, each labelled with the run's label, verified with the given stable window.
 */
public final class Deployments {

  /** A process that ends at once on SIGTERM, so stopping it costs no stop timeout. */
  public static final String[] STOPS_AT_ONCE = {
    "sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"
  };

  /** {@code sleep 3600}: PID 1 ignores SIGTERM, Docker kills it after the stop timeout. */
  public static final String[] SLEEPS = {"sleep", "3600"};

  private Deployments() {}

  /** The name of the {@code index}th container. */
  public static String container(String deployment, int index) {
    return String.format(Locale.ROOT, "%s-c%02d", deployment, index);
  }

  /** A container of the test image running {@code command}, with the run's label. */
  public static StowYaml.Container container(BenchContext context, String name, String... command) {
    return StowYaml.Container.of(name, context.image())
        .command(command)
        .label(BenchDocker.LABEL, context.docker().runId());
  }

  public static StowYaml of(BenchContext context, String deployment, int count, String stable) {
    return of(context, deployment, count, stable, SLEEPS);
  }

  public static StowYaml of(
      BenchContext context, String deployment, int count, String stable, String... command) {
    StowYaml yaml = StowYaml.deployment(deployment).verify("120s", stable);
    for (int i = 0; i < count; i++) {
      yaml.container(container(context, container(deployment, i), command));
    }
    return yaml;
  }
}
