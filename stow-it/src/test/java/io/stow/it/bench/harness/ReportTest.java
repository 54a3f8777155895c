package io.stow.it.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results file and the page rendered from it: what a benchmark records is what is shown. */
class ReportTest {

  @Test
  void aSampleHasItsMedianAndSpread() {
    Sample odd = Sample.of(5, 1, 3);
    assertEquals(3, odd.median());
    assertEquals(1, odd.min());
    assertEquals(5, odd.max());
    assertEquals(2.5, Sample.of(4, 1, 2, 3).median());
    assertThrows(IllegalArgumentException.class, () -> new Sample(List.of()));
  }

  @Test
  void aRowRecordsItsRatioToItsBaselineAndWhetherItMeetsItsTarget() {
    Section section = new Section("9", "Example");
    Row list = section.baseline("the list call", "list call", Sample.of(10, 11, 12), Unit.MILLIS);
    section.row(
        "stow", Sample.of(12, 13, 20), Unit.MILLIS, list, Target.ratioAtMost(1.3, "list call"));
    section.row(
        "slow stow", Sample.of(14, 15, 30), Unit.MILLIS, list, Target.ratioAtMost(1.3, "list"));

    JsonNode rows = section.toJson(3.5, "0.10 0.20 0.30").path("rows");

    assertTrue(rows.get(0).path("isBaseline").asBoolean());
    assertTrue(rows.get(0).path("ratio").isNull());
    assertEquals("list call", rows.get(1).path("baseline").asText());
    assertEquals(13.0 / 11.0, rows.get(1).path("ratio").asDouble(), 1e-9);
    assertTrue(rows.get(1).path("met").asBoolean());
    assertFalse(rows.get(2).path("met").asBoolean());
    assertEquals(List.of(14.0, 15.0, 30.0), values(rows.get(2)));
  }

  @Test
  void thePageShowsEveryFigureFromTheFile() {
    Section section = new Section("9", "Example");
    Row list = section.baseline("the list call", "list call", Sample.of(10, 11, 12), Unit.MILLIS);
    section.row(
        "stow", Sample.of(12, 13, 20), Unit.MILLIS, list, Target.ratioAtMost(1.3, "list call"));
    section.note("A note.");
    ObjectNode root = root("0.05 0.10 0.10");
    root.withArray("benchmarks").add(section.toJson(3.5, "0.10 0.20 0.30"));

    String page = Report.render(root);

    assertTrue(page.startsWith("# Benchmarks\n"), page);
    assertTrue(page.contains("sudo .ci/bench"), page);
    assertTrue(
        page.contains("| the list call | 11.0 ms | 10.0–12.0 ms | 3 | baseline (list call) |"));
    assertTrue(
        page.contains(
            "| stow | 13.0 ms | 12.0–20.0 ms | 3 | 1.18× list call | ≤ 1.30× list call:"
                + " **met** |"),
        page);
    assertTrue(
        page.contains("| 9. Example | stow | 13.0 ms (1.18×) | ≤ 1.30× list call: **met** |"));
    assertTrue(page.contains("A note."));
    assertTrue(page.contains("| cores | 2 |"));
    assertFalse(page.contains("shared with other work"), page);
  }

  @Test
  void aBusyMachineAndAFailedBenchmarkAreSaid() {
    Section section = new Section("3", "Broken");
    section.failed("java.lang.IllegalStateException: the engine did not answer");
    ObjectNode root = root("1.90 1.50 1.20");
    root.withArray("benchmarks").add(section.toJson(1, "1.90 1.50 1.20"));

    String page = Report.render(root);

    assertTrue(page.contains("shared with other work during this run"), page);
    assertTrue(page.contains("(1 minute load average 1.90 on 2 cores"), page);
    assertTrue(page.contains("**The benchmark failed:** java.lang.IllegalStateException"));
    assertTrue(page.contains("| 3. Broken | (the benchmark failed) | | |"));
  }

  @Test
  void theResultsFileRendersAsThePageItWasWrittenWith(@TempDir Path dir) throws Exception {
    Results results =
        new Results(
            dir.resolve("r.json"),
            dir.resolve("r.md"),
            Map.of("command", ".ci/bench", "commit", "abc", "runId", "r1", "quick", true),
            List.of("Context line."));
    Section section = new Section("1", "One");
    section.row("x", Sample.of(1), Unit.SECONDS);
    results.add(section.toJson(1, "0 0 0"), false);

    Path again = dir.resolve("again.md");
    Report.main(new String[] {dir.resolve("r.json").toString(), again.toString()});

    assertEquals(Files.readString(dir.resolve("r.md")), Files.readString(again));
    assertTrue(Files.readString(again).contains("**A quick run (fewer rounds)"));
    assertTrue(Files.readString(again).contains("Context line."));
    assertFalse(results.anyFailed());
  }

  @Test
  void aFileOfAnotherSchemaIsRefused() {
    ObjectNode root = root("0 0 0");
    root.put("schema", 99);
    assertThrows(IllegalArgumentException.class, () -> Report.render(root));
  }

  private static ObjectNode root(String loadAtStart) {
    ObjectNode root = new ObjectMapper().createObjectNode();
    root.put("schema", Results.SCHEMA).put("started", "2026-01-01T00:00:00Z");
    root.put("command", "sudo .ci/bench").put("commit", "abc").put("runId", "r1");
    root.put("finished", "2026-01-01T01:00:00Z");
    root.putObject("machine").put("cores", "2");
    root.putObject("load")
        .put("cores", 2)
        .put("start", loadAtStart)
        .put("busiest", loadAtStart)
        .put("end", loadAtStart);
    root.putObject("versions").put("Docker", "20.10");
    root.putArray("context");
    root.putArray("benchmarks");
    return root;
  }

  private static List<Double> values(JsonNode row) {
    return java.util.stream.StreamSupport.stream(row.path("values").spliterator(), false)
        .map(JsonNode::asDouble)
        .toList();
  }
}
