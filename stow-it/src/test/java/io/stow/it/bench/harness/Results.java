package io.stow.it.bench.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The results of one run of the suite, in a machine-readable file (JSON: the machine, the versions,
 * the command, then per benchmark every figure's runs, median, spread, baseline, ratio, target and
 * whether it is met), and the Markdown page {@link Report} renders from that file. Both are
 * rewritten after every benchmark, so an interrupted run keeps what it measured.
 */
public final class Results {

  /** Bumped when a field changes meaning, so a renderer can refuse a file it does not know. */
  static final int SCHEMA = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path json;
  private final Path markdown;
  private final ObjectNode root = JSON.createObjectNode();
  private final ArrayNode benchmarks;
  private boolean anyFailed;

  /**
   * @param json the results file
   * @param markdown the page rendered from it
   * @param run facts about this run: {@code command}, {@code commit}, {@code runId}, {@code
   *     rounds}, {@code warmups}, {@code quick}
   * @param context lines about this run that go above the figures (e.g. the daemon's flags)
   */
  public Results(Path json, Path markdown, Map<String, Object> run, List<String> context) {
    this.json = Objects.requireNonNull(json, "json");
    this.markdown = Objects.requireNonNull(markdown, "markdown");
    root.put("schema", SCHEMA);
    root.put("started", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    root.putNull("finished");
    run.forEach((k, v) -> root.set(k, JSON.valueToTree(v)));
    ObjectNode machine = root.putObject("machine");
    Machine.facts().forEach(machine::put);
    ObjectNode load = root.putObject("load");
    load.put("cores", Runtime.getRuntime().availableProcessors());
    load.put("start", Machine.load());
    load.putNull("end");
    load.put("busiest", Machine.load());
    ObjectNode versions = root.putObject("versions");
    Machine.versions().forEach(versions::put);
    context.forEach(root.putArray("context")::add);
    benchmarks = root.putArray("benchmarks");
  }

  public Path json() {
    return json;
  }

  public Path markdown() {
    return markdown;
  }

  /** Adds a finished benchmark and rewrites both files. */
  public synchronized void add(ObjectNode section, boolean failed) throws IOException {
    benchmarks.add(section);
    anyFailed |= failed;
    String now = Machine.load();
    ObjectNode load = (ObjectNode) root.get("load");
    load.put("end", now);
    if (Machine.firstLoad(now) > Machine.firstLoad(load.get("busiest").asText())) {
      load.put("busiest", now);
    }
    root.put("finished", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    write(json, JSON.writeValueAsString(root) + "\n");
    write(markdown, Report.render(root));
  }

  public synchronized boolean anyFailed() {
    return anyFailed;
  }

  private static void write(Path file, String text) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = parent.resolve(file.getFileName() + ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
