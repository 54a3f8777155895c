package io.stow.it.bench.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The results of one benchmark: how it measured, one row per figure, and notes; rendered as one
 * Markdown table. A benchmark that failed renders as its error instead.
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

  public boolean isFailed() {
    return failure.isPresent();
  }

  public List<Row> rows() {
    return List.copyOf(rows);
  }

  /** The section as Markdown: heading, how, table, notes. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    md.append("### ").append(number).append(". ").append(title).append("\n\n");
    how.forEach(p -> md.append(p).append("\n\n"));
    if (!rows.isEmpty()) {
      md.append("| what | median | spread (min–max) | runs | ratio to baseline | target |\n");
      md.append("|---|---:|---:|---:|---:|---|\n");
      for (Row row : rows) {
        Sample s = row.sample();
        md.append("| ")
            .append(cell(row.what()))
            .append(" | ")
            .append(row.unit().format(s.median()))
            .append(" | ")
            .append(row.unit().range(s.min(), s.max()))
            .append(" | ")
            .append(s.runs())
            .append(" | ")
            .append(ratio(row))
            .append(" | ")
            .append(target(row))
            .append(" |\n");
      }
      md.append('\n');
    }
    failure.ifPresent(f -> md.append("**The benchmark failed:** ").append(f).append("\n\n"));
    notes.forEach(p -> md.append(p).append("\n\n"));
    return md.toString();
  }

  private String ratio(Row row) {
    if (row.baseline().isEmpty()) {
      boolean referred =
          rows.stream().anyMatch(r -> r.baseline().filter(b -> b == row).isPresent());
      return referred ? "baseline (" + cell(row.name()) + ")" : "";
    }
    return Unit.number(row.ratio().orElseThrow()) + "× " + cell(row.baseline().get().name());
  }

  private static String target(Row row) {
    return row.target()
        .map(t -> t.text() + ": " + (t.met(row) ? "**met**" : "**not met**"))
        .orElse("");
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
