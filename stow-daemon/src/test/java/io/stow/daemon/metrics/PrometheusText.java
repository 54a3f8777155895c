package io.stow.daemon.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), written from its
 * specification for tests: it refuses what Prometheus would refuse, and what the format allows but
 * a well-behaved exporter never writes (a sample before its family's {@code TYPE}, a family split
 * in two, a series twice, a histogram whose buckets are not cumulative or miss {@code +Inf}).
 */
public final class PrometheusText {

  /** One sample: a series and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {}

  /** A metric family: its name, type, help and samples in the order written. */
  public record Family(String name, String type, String help, List<Sample> samples) {

    /** The value of the one sample named {@code name} with exactly these labels, if any. */
    public Optional<Double> value(String sampleName, Map<String, String> labels) {
      return samples.stream()
          .filter(s -> s.name().equals(sampleName) && s.labels().equals(labels))
          .map(Sample::value)
          .findFirst();
    }
  }

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Set<String> TYPES =
      Set.of("counter", "gauge", "histogram", "summary", "untyped");

  private final Map<String, Family> families;

  private PrometheusText(Map<String, Family> families) {
    this.families = families;
  }

  /** Parses {@code text}; throws {@link IllegalArgumentException} naming the line on any flaw. */
  public static PrometheusText parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the exposition must end with a line feed");
    }
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> helps = new LinkedHashMap<>();
    Map<String, List<Sample>> samples = new LinkedHashMap<>();
    Set<String> seriesSeen = new java.util.HashSet<>();
    String current = null;
    List<String> closed = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length - 1; i++) {
      String line = lines[i];
      int number = i + 1;
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ", 2);
        String family = parts[0];
        check(NAME.matcher(family).matches(), number, "bad metric name '" + family + "'");
        check(!closed.contains(family), number, "family " + family + " appears twice");
        if (!family.equals(current)) {
          if (current != null) {
            closed.add(current);
          }
          current = family;
        }
        if (line.startsWith("# HELP ")) {
          check(!helps.containsKey(family), number, "second HELP for " + family);
          helps.put(family, parts.length > 1 ? unescapeHelp(parts[1], number) : "");
        } else {
          check(parts.length == 2 && TYPES.contains(parts[1]), number, "bad TYPE line");
          check(!types.containsKey(family), number, "second TYPE for " + family);
          check(!samples.containsKey(family), number, "TYPE after the samples of " + family);
          types.put(family, parts[1]);
        }
        continue;
      }
      if (line.startsWith("#")) {
        continue;
      }
      Sample sample = sample(line, number);
      String family = familyOf(sample.name(), types);
      check(family != null, number, "sample " + sample.name() + " has no TYPE before it");
      check(family.equals(current), number, "sample of " + family + " outside its family");
      check(
          seriesSeen.add(sample.name() + new TreeMap<>(sample.labels())),
          number,
          "series written twice: " + sample.name() + sample.labels());
      samples.computeIfAbsent(family, k -> new ArrayList<>()).add(sample);
    }
    Map<String, Family> families = new LinkedHashMap<>();
    for (Map.Entry<String, String> type : types.entrySet()) {
      String name = type.getKey();
      List<Sample> list = samples.getOrDefault(name, List.of());
      Family family = new Family(name, type.getValue(), helps.getOrDefault(name, ""), list);
      if (family.type().equals("histogram")) {
        checkHistogram(family);
      }
      families.put(name, family);
    }
    return new PrometheusText(Collections.unmodifiableMap(families));
  }

  public Map<String, Family> families() {
    return families;
  }

  /** The family {@code name}; fails when there is none. */
  public Family family(String name) {
    Family family = families.get(name);
    if (family == null) {
      throw new AssertionError("no metric family " + name + " in " + families.keySet());
    }
    return family;
  }

  /** The value of the series {@code name{labels}}, or 0 when it is absent. */
  public double value(String family, String sampleName, Map<String, String> labels) {
    return family(family).value(sampleName, labels).orElse(0.0);
  }

  private static String familyOf(String sample, Map<String, String> types) {
    if (types.containsKey(sample)) {
      return sample;
    }
    for (String suffix : List.of("_bucket", "_sum", "_count", "_total", "_created")) {
      if (sample.endsWith(suffix)) {
        String base = sample.substring(0, sample.length() - suffix.length());
        if (types.containsKey(base)) {
          return base;
        }
      }
    }
    return null;
  }

  private static Sample sample(String line, int number) {
    Matcher name = NAME.matcher(line);
    check(name.lookingAt(), number, "no metric name: " + line);
    int at = name.end();
    Map<String, String> labels = new LinkedHashMap<>();
    if (at < line.length() && line.charAt(at) == '{') {
      at++;
      while (line.charAt(at) != '}') {
        Matcher label = LABEL.matcher(line).region(at, line.length());
        check(label.lookingAt(), number, "bad label name at column " + (at + 1));
        String key = line.substring(at, label.end());
        at = label.end();
        check(line.startsWith("=\"", at), number, "expected =\" at column " + (at + 1));
        at += 2;
        StringBuilder value = new StringBuilder();
        while (true) {
          check(at < line.length(), number, "unterminated label value");
          char c = line.charAt(at++);
          if (c == '"') {
            break;
          }
          if (c == '\\') {
            check(at < line.length(), number, "dangling backslash");
            char e = line.charAt(at++);
            switch (e) {
              case '\\' -> value.append('\\');
              case '"' -> value.append('"');
              case 'n' -> value.append('\n');
              default ->
                  throw new IllegalArgumentException("line " + number + ": bad escape \\" + e);
            }
          } else {
            value.append(c);
          }
        }
        check(labels.put(key, value.toString()) == null, number, "label " + key + " twice");
        if (line.charAt(at) == ',') {
          at++;
        } else {
          check(line.charAt(at) == '}', number, "expected , or } at column " + (at + 1));
        }
      }
      at++;
    }
    check(
        at < line.length() && line.charAt(at) == ' ', number, "expected a space before the value");
    String[] rest = line.substring(at + 1).split(" ");
    check(rest.length == 1 || rest.length == 2, number, "expected a value and maybe a timestamp");
    double value = number(rest[0], number);
    if (rest.length == 2) {
      check(rest[1].matches("-?[0-9]+"), number, "bad timestamp " + rest[1]);
    }
    return new Sample(line.substring(0, name.end()), Collections.unmodifiableMap(labels), value);
  }

  private static double number(String text, int line) {
    switch (text) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      case "NaN":
        return Double.NaN;
      default:
        check(
            text.matches("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?"),
            line,
            "bad value '" + text + "'");
        return Double.parseDouble(text);
    }
  }

  private static String unescapeHelp(String text, int line) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        check(i + 1 < text.length(), line, "dangling backslash in HELP");
        char e = text.charAt(++i);
        check(e == '\\' || e == 'n', line, "bad escape in HELP");
        out.append(e == 'n' ? '\n' : '\\');
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Per series: buckets cumulative, ending in +Inf equal to _count; a _sum beside them. */
  private static void checkHistogram(Family family) {
    Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
    Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
    Set<Map<String, String>> sums = new java.util.HashSet<>();
    for (Sample s : family.samples()) {
      Map<String, String> series = new TreeMap<>(s.labels());
      if (s.name().equals(family.name() + "_bucket")) {
        String le = series.remove("le");
        if (le == null) {
          throw new IllegalArgumentException(family.name() + ": a bucket without le");
        }
        buckets.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
      } else if (s.name().equals(family.name() + "_count")) {
        counts.put(series, s.value());
      } else if (s.name().equals(family.name() + "_sum")) {
        sums.add(series);
      } else {
        throw new IllegalArgumentException(family.name() + ": unexpected sample " + s.name());
      }
    }
    for (Map.Entry<Map<String, String>, List<Sample>> series : buckets.entrySet()) {
      double previousBound = Double.NEGATIVE_INFINITY;
      double previous = 0;
      List<Sample> list = series.getValue();
      for (Sample b : list) {
        double bound = number(b.labels().get("le"), 0);
        if (bound <= previousBound || b.value() < previous) {
          throw new IllegalArgumentException(
              family.name() + series.getKey() + ": buckets not in order or not cumulative");
        }
        previousBound = bound;
        previous = b.value();
      }
      Sample last = list.get(list.size() - 1);
      if (!last.labels().get("le").equals("+Inf")
          || !counts.containsKey(series.getKey())
          || counts.get(series.getKey()) != last.value()
          || !sums.contains(series.getKey())) {
        throw new IllegalArgumentException(
            family.name() + series.getKey() + ": no +Inf bucket equal to _count, or no _sum");
      }
    }
  }

  private static void check(boolean ok, int line, String message) {
    if (!ok) {
      throw new IllegalArgumentException("line " + line + ": " + message);
    }
  }
}
