package io.stow.it.bench.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Renders the results file ({@link Results}) as {@code docs/benchmarks.md}: how to run the suite,
 * the machine and the versions, the command, a summary of the targets, then one table per
 * benchmark. Everything on the page comes from the file, so the page can be rendered again without
 * measuring: {@code java -cp ... io.stow.it.bench.harness.Report RESULTS.json PAGE.md}.
 */
public final class Report {

  private static final String INTRO = "benchmarks-intro.md";

  /**
   * A 1 minute load average at or above this share of the cores means others used the machine. (The
   * build that .ci/bench runs just before the suite leaves about half a task per core.)
   */
  private static final double SHARED_LOAD_PER_CORE = 0.75;

  private Report() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: Report RESULTS.json PAGE.md");
      System.exit(2);
    }
    JsonNode root = new ObjectMapper().readTree(Path.of(args[0]).toFile());
    Files.writeString(Path.of(args[1]), render(root), StandardCharsets.UTF_8);
  }

  /** The page for the results in {@code root}. */
  public static String render(JsonNode root) {
    if (root.path("schema").asInt() != Results.SCHEMA) {
      throw new IllegalArgumentException(
          "results of schema " + root.path("schema") + ", this renderer reads " + Results.SCHEMA);
    }
    StringBuilder md = new StringBuilder(intro());
    md.append("\n## Results of ").append(root.path("started").asText()).append("\n\n");
    if (root.path("quick").asBoolean()) {
      md.append("**A quick run (fewer rounds), for smoke-testing: not figures to quote.**\n\n");
    }
    md.append("Command (from the repository root, as root):\n\n```sh\n")
        .append(root.path("command").asText())
        .append("\n```\n\n")
        .append("Commit measured: `")
        .append(root.path("commit").asText())
        .append("`; run id `")
        .append(root.path("runId").asText())
        .append("`; finished ")
        .append(root.path("finished").asText("(interrupted)"))
        .append(".\n\n");
    md.append(sharedNote(root.path("load")));
    md.append("| machine | |\n|---|---|\n");
    root.path("machine").fields().forEachRemaining(f -> tableLine(md, f.getKey(), f.getValue()));
    JsonNode load = root.path("load");
    tableLine(
        md,
        "load average (1/5/15 min)",
        "at the start "
            + load.path("start").asText()
            + "; highest after a benchmark "
            + load.path("busiest").asText()
            + "; at the end "
            + load.path("end").asText());
    md.append("\n| version | |\n|---|---|\n");
    root.path("versions").fields().forEachRemaining(f -> tableLine(md, f.getKey(), f.getValue()));
    md.append('\n');
    root.path("context").forEach(line -> md.append(line.asText()).append("\n\n"));
    md.append(summary(root.path("benchmarks")));
    root.path("benchmarks").forEach(b -> md.append(section(b)));
    return md.toString();
  }

  /** One benchmark's heading, description, table and notes. */
  public static String section(JsonNode b) {
    StringBuilder md = new StringBuilder();
    md.append("### ")
        .append(b.path("number").asText())
        .append(". ")
        .append(b.path("title").asText())
        .append("\n\n");
    b.path("how").forEach(p -> md.append(p.asText()).append("\n\n"));
    if (!b.path("rows").isEmpty()) {
      md.append("| what | median | spread (min–max) | runs | ratio to baseline | target |\n");
      md.append("|---|---:|---:|---:|---:|---|\n");
      for (JsonNode row : b.path("rows")) {
        Unit unit = Unit.valueOf(row.path("unit").asText());
        md.append("| ")
            .append(cell(row.path("what").asText()))
            .append(" | ")
            .append(unit.format(row.path("median").asDouble()))
            .append(" | ")
            .append(unit.range(row.path("min").asDouble(), row.path("max").asDouble()))
            .append(" | ")
            .append(row.path("runs").asInt())
            .append(" | ")
            .append(ratio(row))
            .append(" | ")
            .append(target(row))
            .append(" |\n");
      }
      md.append('\n');
    }
    if (!b.path("failure").isNull()) {
      md.append("**The benchmark failed:** ").append(b.path("failure").asText()).append("\n\n");
    }
    b.path("notes").forEach(p -> md.append(p.asText()).append("\n\n"));
    md.append(
        String.format(
            Locale.ROOT,
            "(%.0f s for this benchmark; load average at its start %s.)%n%n",
            b.path("seconds").asDouble(),
            b.path("loadAtStart").asText()));
    return md.toString();
  }

  /** Every figure with a target, and whether it is met. */
  private static String summary(JsonNode benchmarks) {
    StringBuilder md =
        new StringBuilder("### Targets\n\n| benchmark | figure | median | target |\n");
    md.append("|---|---|---:|---|\n");
    for (JsonNode b : benchmarks) {
      String name = b.path("number").asText() + ". " + b.path("title").asText();
      if (!b.path("failure").isNull()) {
        md.append("| ").append(cell(name)).append(" | (the benchmark failed) | | |\n");
      }
      for (JsonNode row : b.path("rows")) {
        if (row.path("target").isNull()) {
          continue;
        }
        Unit unit = Unit.valueOf(row.path("unit").asText());
        md.append("| ")
            .append(cell(name))
            .append(" | ")
            .append(cell(row.path("what").asText()))
            .append(" | ")
            .append(unit.format(row.path("median").asDouble()));
        if (!row.path("ratio").isNull()) {
          md.append(" (").append(Unit.number(row.path("ratio").asDouble())).append("×)");
        }
        md.append(" | ").append(target(row)).append(" |\n");
      }
    }
    return md.append('\n').toString();
  }

  private static String sharedNote(JsonNode load) {
    int cores = Math.max(1, load.path("cores").asInt(1));
    double atStart = Machine.firstLoad(load.path("start").asText());
    if (atStart < SHARED_LOAD_PER_CORE * cores) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "**The machine was shared with other work during this run** (1 minute load average %.2f"
            + " on %d cores before the suite started): figures that depend on CPU time (the"
            + " cold start, the rates, the warm-JVM timings) are worse and more spread than on"
            + " a quiet machine, and ratios to baselines measured in the same moments are the"
            + " figures to read.%n%n",
        atStart,
        cores);
  }

  private static String ratio(JsonNode row) {
    if (row.path("ratio").isNull()) {
      return row.path("isBaseline").asBoolean()
          ? "baseline (" + cell(row.path("name").asText()) + ")"
          : "";
    }
    return Unit.number(row.path("ratio").asDouble()) + "× " + cell(row.path("baseline").asText());
  }

  private static String target(JsonNode row) {
    if (row.path("target").isNull()) {
      return "";
    }
    return cell(row.path("target").asText())
        + ": "
        + (row.path("met").asBoolean() ? "**met**" : "**not met**");
  }

  private static void tableLine(StringBuilder md, String key, JsonNode value) {
    tableLine(md, key, value.asText());
  }

  private static void tableLine(StringBuilder md, String key, String value) {
    md.append("| ").append(cell(key)).append(" | ").append(cell(value)).append(" |\n");
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  private static String intro() {
    try (InputStream in = Report.class.getResourceAsStream(INTRO)) {
      if (in == null) {
        throw new IllegalStateException("no resource " + INTRO + " beside " + Report.class);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
