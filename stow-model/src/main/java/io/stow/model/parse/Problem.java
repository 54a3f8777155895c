package io.stow.model.parse;

import java.util.Objects;

/**
 * One thing wrong with a descriptor: where (file, YAML path, line and column) and what to do.
 *
 * @param yamlPath e.g. {@code containers[1].image}; empty for the document itself
 * @param line 1-based; 0 when unknown
 * @param column 1-based; 0 when unknown
 */
public record Problem(String file, String yamlPath, int line, int column, String message) {

  public Problem {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(yamlPath, "yamlPath");
    Objects.requireNonNull(message, "message");
  }

  /** {@code file:line:col: path: message}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(file);
    if (line > 0) {
      out.append(':').append(line).append(':').append(column);
    }
    out.append(": ");
    if (!yamlPath.isEmpty()) {
      out.append(yamlPath).append(": ");
    }
    return out.append(message).toString();
  }
}
