package io.stow.it.bench.harness;

import java.util.Locale;

/** The unit of a figure, and how its values print. */
public enum Unit {
  MILLIS("ms"),
  SECONDS("s"),
  MEBIBYTES("MiB"),
  MEGABYTES_PER_SECOND("MB/s"),
  REQUESTS_PER_SECOND("req/s");

  private final String symbol;

  Unit(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** The value with about three significant digits, then the unit. */
  public String format(double value) {
    return number(value) + " " + symbol;
  }

  /** {@code 1.2-3.4 ms}. */
  public String range(double low, double high) {
    return number(low) + "–" + number(high) + " " + symbol;
  }

  static String number(double value) {
    double abs = Math.abs(value);
    if (abs >= 10_000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    if (abs >= 100) {
      return String.format(Locale.ROOT, "%.0f", value);
    }
    if (abs >= 10) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
