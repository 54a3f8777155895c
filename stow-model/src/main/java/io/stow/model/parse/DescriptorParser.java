package io.stow.model.parse;

import io.stow.model.Descriptor;
import java.nio.file.Path;

/**
 * Parses and validates {@code stow.yaml}. Every problem is reported at once, each with its YAML
 * path and {@code file:line:col}; nothing is returned unless the whole descriptor is valid.
 * Messages name keys and positions but never quote a file that failed to parse.
 */
public final class DescriptorParser {

  /** The largest descriptor accepted. */
  public static final int MAX_BYTES = 1024 * 1024;

  private DescriptorParser() {}

  /**
   * Parses the file.
   *
   * @throws DescriptorException listing every problem found
   */
  public static Descriptor parse(Path file) {
    return read(file).descriptor();
  }

  /**
   * Parses the file and returns the descriptor with its warnings. A symbolic link is refused, not
   * followed: a deployment folder holds regular files only.
   *
   * @throws DescriptorException listing every problem found
   */
  public static ParsedDescriptor read(Path file) {
    return read(
        file.toString(),
        ManifestText.read(file, "no such file; a deployment folder needs a stow.yaml at its root"));
  }

  /**
   * Parses descriptor bytes; {@code file} names them in problems.
   *
   * @throws DescriptorException listing every problem found
   */
  public static Descriptor parse(String file, byte[] content) {
    return read(file, content).descriptor();
  }

  /**
   * Parses descriptor bytes and returns the descriptor with its warnings.
   *
   * @throws DescriptorException listing every problem found
   */
  public static ParsedDescriptor read(String file, byte[] content) {
    String text =
        ManifestText.decode(
            file, content, "a descriptor lists containers, keep data in config files beside it");
    Findings findings = new Findings(file);
    YamlNode root = YamlTreeReader.read(file, text, findings.errors);
    Descriptor descriptor =
        root == null ? null : DescriptorBinder.bind(findings, root).orElse(null);
    if (!findings.errors.isEmpty() || descriptor == null) {
      if (findings.errors.isEmpty()) {
        findings.errors.add(new Problem(file, "", 0, 0, "invalid descriptor"));
      }
      throw new DescriptorException(findings.errors);
    }
    return new ParsedDescriptor(descriptor, DescriptorException.sorted(findings.warnings));
  }
}
