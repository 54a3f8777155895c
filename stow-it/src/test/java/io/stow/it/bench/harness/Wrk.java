package io.stow.it.bench.harness;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code wrk} (Debian's 4.1) for a given duration, its rate and 99th percentile latency: loaded,
 * with {@value #THREADS} threads and {@value #CONNECTIONS} keep-alive connections (the rate a
 * server sustains; its latency then is mostly queueing on a small machine), or one client on one
 * kept-alive connection (each request's own latency).
 */
public final class Wrk {

  static final int THREADS = 2;
  static final int CONNECTIONS = 16;

  private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)\\b");

  /** One run's figures. */
  public record Figures(double requestsPerSecond, double p99Millis) {}

  private Wrk() {}

  /** The command line of {@link #run}, for the results. */
  public static String describe(Duration duration) {
    return describe(THREADS, CONNECTIONS, duration);
  }

  /** The command line of {@link #oneClient}, for the results. */
  public static String describeOneClient(Duration duration) {
    return describe(1, 1, duration);
  }

  private static String describe(int threads, int connections, Duration duration) {
    return String.format(
        Locale.ROOT, "wrk -t%d -c%d -d%ds --latency", threads, connections, duration.toSeconds());
  }

  /** Loads {@code url}; throws when wrk fails or saw a non-2xx answer or a socket error. */
  public static Figures run(String url, Duration duration) throws Exception {
    return run(url, duration, THREADS, CONNECTIONS);
  }

  /** One client sending to {@code url} on one kept-alive connection, one request at a time. */
  public static Figures oneClient(String url, Duration duration) throws Exception {
    return run(url, duration, 1, 1);
  }

  private static Figures run(String url, Duration duration, int threads, int connections)
      throws Exception {
    String out =
        Exec.run(
                Map.of(),
                duration.plusSeconds(60),
                List.of(
                    "wrk",
                    "-t" + threads,
                    "-c" + connections,
                    "-d" + duration.toSeconds() + "s",
                    "--latency",
                    url))
            .check();
    if (out.contains("Non-2xx") || out.contains("Socket errors")) {
      throw new IllegalStateException("wrk saw errors loading " + url + ":\n" + out);
    }
    return new Figures(Double.parseDouble(find(RATE, out).group(1)), p99(out));
  }

  private static double p99(String out) {
    Matcher m = find(P99, out);
    double value = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> value / 1000;
      case "ms" -> value;
      default -> value * 1000;
    };
  }

  private static Matcher find(Pattern pattern, String out) {
    Matcher m = pattern.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("no " + pattern + " in wrk's output:\n" + out);
    }
    return m;
  }
}
