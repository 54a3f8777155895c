package io.stow.it.bench.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The results of one run of the suite as one Markdown file: the machine, the versions, the command,
 * a summary of the targets, and one section per benchmark. Rewritten after every benchmark, so an
 * interrupted run keeps what it measured.
 */
public final class Results {

  private final Path file;
  private final String command;
  private final Instant started = Instant.now();
  private final String loadAtStart = Machine.load();
  private final Map<String, String> facts = Machine.facts();
  private final Map<String, String> versions = Machine.versions();
  private final List<String> context;
  private final List<Section> sections = new ArrayList<>();

  /**
   * @param context lines about this run (the commit measured, the rounds, the daemon's flags)
   */
  public Results(Path file, String command, List<String> context) {
    this.file = file;
    this.command = command;
    this.context = List.copyOf(context);
  }

  public Path file() {
    return file;
  }

  /** Adds a finished benchmark and rewrites the file. */
  public synchronized void add(Section section) throws IOException {
    sections.add(section);
    write();
  }

  public synchronized boolean anyFailed() {
    return sections.stream().anyMatch(Section::isFailed);
  }

  private void write() throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("## Results of ")
        .append(started.truncatedTo(ChronoUnit.SECONDS))
        .append("\n\n")
        .append("Command (from the repository root, as root):\n\n```sh\n")
        .append(command)
        .append("\n```\n\n");
    md.append("| machine | |\n|---|---|\n");
    facts.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append("| load average (1/5/15 min) | at the start ")
        .append(loadAtStart)
        .append(", at the end ")
        .append(Machine.load())
        .append(" |\n\n");
    md.append("| version | |\n|---|---|\n");
    versions.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append('\n');
    context.forEach(line -> md.append(line).append("\n\n"));
    md.append(summary());
    sections.forEach(s -> md.append(s.markdown()));
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, md.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Every figure with a target, and whether it is met. */
  private String summary() {
    StringBuilder md = new StringBuilder("| benchmark | figure | median | target |\n");
    md.append("|---|---|---:|---|\n");
    for (Section s : sections) {
      if (s.isFailed()) {
        md.append("| ")
            .append(s.number())
            .append(". ")
            .append(s.title())
            .append(" | (failed) | | |\n");
      }
      for (Row row : s.rows()) {
        if (row.target().isEmpty()) {
          continue;
        }
        md.append("| ")
            .append(s.number())
            .append(". ")
            .append(s.title())
            .append(" | ")
            .append(row.what().replace("|", "\\|"))
            .append(" | ")
            .append(row.unit().format(row.sample().median()))
            .append(row.ratio().map(r -> " (" + Unit.number(r) + "×)").orElse(""))
            .append(" | ")
            .append(row.target().get().text())
            .append(": ")
            .append(row.met().orElseThrow() ? "**met**" : "**not met**")
            .append(" |\n");
      }
    }
    return md.append('\n').toString();
  }
}
