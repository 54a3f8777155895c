package io.stow.it.bench.harness;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The results of one benchmark: how it measured, one row per figure, and notes, as the results file
 * holds them ({@link #toJson}); {@link Report} renders them. A benchmark that failed keeps the rows
 * it measured and says why it failed.
 */
public final class Section {

  private final String number;
  private final String title;
  private final List<String> how = new ArrayList<>();
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private Optional<String> failure = Optional.empty();

  public Section(String number, String title) {
    this.number = Objects.requireNonNull(number, "number");
    this.title = Objects.requireNonNull(title, "title");
  }

  public String number() {
    return number;
  }

  public String title() {
    return title;
  }

  /** A paragraph on what is measured and how (printed above the table). */
  public Section how(String paragraph) {
    how.add(paragraph);
    return this;
  }

  /** A paragraph printed below the table. */
  public Section note(String paragraph) {
    notes.add(paragraph);
    return this;
  }

  /** A figure other rows are compared with. */
  public Row baseline(String what, String name, Sample sample, Unit unit) {
    return add(new Row(what, name, sample, unit, Optional.empty(), Optional.empty()));
  }

  /** A figure without a baseline or a target. */
  public Row row(String what, Sample sample, Unit unit) {
    return add(new Row(what, what, sample, unit, Optional.empty(), Optional.empty()));
  }

  /** A figure compared with {@code baseline}. */
  public Row row(String what, Sample sample, Unit unit, Row baseline) {
    return add(new Row(what, what, sample, unit, Optional.of(baseline), Optional.empty()));
  }

  /** A figure compared with {@code baseline}, and what it aims at. */
  public Row row(String what, Sample sample, Unit unit, Row baseline, Target target) {
    return add(new Row(what, what, sample, unit, Optional.of(baseline), Optional.of(target)));
  }

  /** A figure with a target but no baseline. */
  public Row row(String what, Sample sample, Unit unit, Target target) {
    return add(new Row(what, what, sample, unit, Optional.empty(), Optional.of(target)));
  }

  /** Any row, e.g. one that has a baseline and is another row's baseline. */
  public Row add(Row row) {
    rows.add(row);
    return row;
  }

  /** Marks the benchmark failed; the rows measured so far stay. */
  public void failed(String why) {
    failure = Optional.of(why);
  }

  /** Why the benchmark failed, when it did. */
  public Optional<String> failure() {
    return failure;
  }

  public boolean isFailed() {
    return failure.isPresent();
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /**
   * The section as the results file holds it: heading, how, one object per row (its runs, median,
   * spread, baseline, ratio, target and whether it is met), the failure if any, notes.
   */
  public ObjectNode toJson(double seconds, String loadAtStart) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("number", number).put("title", title);
    how.forEach(json.putArray("how")::add);
    ArrayNode rowsJson = json.putArray("rows");
    for (Row row : rows) {
      ObjectNode r = rowsJson.addObject();
      Sample s = row.sample();
      r.put("what", row.what()).put("name", row.name()).put("unit", row.unit().name());
      r.put("median", s.median()).put("min", s.min()).put("max", s.max()).put("runs", s.runs());
      s.values().forEach(r.putArray("values")::add);
      boolean referred =
          rows.stream().anyMatch(other -> other.baseline().filter(b -> b == row).isPresent());
      r.put("isBaseline", referred);
      row.baseline().ifPresentOrElse(b -> r.put("baseline", b.name()), () -> r.putNull("baseline"));
      row.ratio().ifPresentOrElse(x -> r.put("ratio", x), () -> r.putNull("ratio"));
      row.target().ifPresentOrElse(t -> r.put("target", t.text()), () -> r.putNull("target"));
      row.met().ifPresentOrElse(m -> r.put("met", m), () -> r.putNull("met"));
    }
    failure.ifPresentOrElse(f -> json.put("failure", f), () -> json.putNull("failure"));
    notes.forEach(json.putArray("notes")::add);
    json.put("seconds", seconds).put("loadAtStart", loadAtStart);
    return json;
  }
}
