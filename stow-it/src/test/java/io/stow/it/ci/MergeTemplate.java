package io.stow.it.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/** stow-merge-gitlab-ci.yaml at the root of the checkout, read as GitLab reads it. */
public final class MergeTemplate {

  private final JsonNode root;

  private MergeTemplate(JsonNode root) {
    this.root = root;
  }

  public static Path file() {
    return Path.of(System.getProperty("stow.repo.root", ".."))
        .resolve("stow-merge-gitlab-ci.yaml")
        .toAbsolutePath()
        .normalize();
  }

  public static MergeTemplate read() {
    try {
      return new MergeTemplate(new ObjectMapper(new YAMLFactory()).readTree(file().toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public JsonNode job(String name) {
    JsonNode job = root.get(name);
    assertThat(job).as("job %s in %s", name, file()).isNotNull();
    return job;
  }

  /** The job's script as the runner pastes it into its shell: the entries, one after another. */
  public String script(String name) {
    return StreamSupport.stream(job(name).get("script").spliterator(), false)
        .map(JsonNode::asText)
        .collect(Collectors.joining("\n"));
  }

  /** The job's variables, the defaults a project's own variables override. */
  public Map<String, String> variables(String name) {
    Map<String, String> variables = new LinkedHashMap<>();
    job(name)
        .path("variables")
        .fields()
        .forEachRemaining(e -> variables.put(e.getKey(), e.getValue().asText()));
    return variables;
  }
}
