package io.stow.model.parse;

import io.stow.model.Descriptor;
import io.stow.model.Dotenv;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Parses and validates a Docker Compose file as a deployment, onto the same model and with the same
 * value rules as stow.yaml (see {@code docs/compose.md} for the keys it reads and how each maps).
 * Values are interpolated from the project's {@code .env} first, as Compose does. Every problem is
 * reported at once with its YAML path and {@code file:line:col}; a value that came from {@code
 * .env} is never shown in a problem, since {@code .env} may be a decrypted secret.
 */
public final class ComposeParser {

  /** The file beside the Compose file that holds its variables. */
  public static final String DOTENV = ".env";

  /**
   * What the host adds to the file.
   *
   * @param folderName the deployment folder's own name: the project name when the file sets none (a
   *     staged copy of the folder has another name, so the engine passes the source's)
   * @param profiles the profiles the host enables; empty leaves it to {@code COMPOSE_PROFILES} in
   *     {@code .env}
   */
  public record Options(String folderName, Set<String> profiles) {
    public Options {
      Objects.requireNonNull(folderName, "folderName");
      profiles = Set.copyOf(new LinkedHashSet<>(profiles));
    }
  }

  private ComposeParser() {}

  /**
   * Parses {@code composeFile} with the variables of the {@code .env} beside it, if there is one.
   *
   * @throws DescriptorException listing every problem found
   */
  public static ParsedDescriptor read(Path composeFile, Options options) {
    return read(composeFile, variables(composeFile.toAbsolutePath().getParent()), options);
  }

  /**
   * Parses {@code composeFile} with the given variables (e.g. a {@code .env} decrypted in memory).
   *
   * @throws DescriptorException listing every problem found
   */
  public static ParsedDescriptor read(
      Path composeFile, Map<String, String> variables, Options options) {
    byte[] content =
        ManifestText.read(composeFile, "no such file; the folder has no Compose file at its root");
    return read(composeFile.toString(), content, variables, options);
  }

  /**
   * The variables of the folder's {@code .env}; none when it has none.
   *
   * @throws DescriptorException when it cannot be read, is not dotenv text or is still encrypted
   */
  public static Map<String, String> variables(Path folder) {
    Path dotenv = folder.resolve(DOTENV);
    if (!Files.exists(dotenv, LinkOption.NOFOLLOW_LINKS)) {
      return Map.of();
    }
    return variables(dotenv.toString(), ManifestText.read(dotenv, "no such file"));
  }

  /**
   * The variables of {@code .env} bytes; {@code name} names them in problems.
   *
   * @throws DescriptorException when they are not dotenv text or are still encrypted
   */
  public static Map<String, String> variables(String name, byte[] content) {
    String text = ManifestText.decode(name, content, "keep .env to variables");
    Map<String, String> variables;
    try {
      variables = Dotenv.parse(text, name);
    } catch (IllegalArgumentException e) {
      throw ManifestText.single(name, e.getMessage());
    }
    if (variables.containsKey("sops_version") || variables.containsKey("sops_mac")) {
      throw ManifestText.single(
          name,
          "is SOPS-encrypted; stow decrypts it before a reconcile, and stow validate needs the keys"
              + " to read it (--age-key-file, --pgp-key-file or --sops-binary)");
    }
    return variables;
  }

  /**
   * Parses Compose file bytes with the given variables; {@code file} names them in problems.
   *
   * @throws DescriptorException listing every problem found
   */
  public static ParsedDescriptor read(
      String file, byte[] content, Map<String, String> variables, Options options) {
    String text =
        ManifestText.decode(
            file, content, "a Compose file lists services, keep data in files beside it");
    Findings findings = new Findings(file);
    YamlNode root = YamlTreeReader.read(file, text, findings.errors);
    Set<String> substituted = Set.of();
    Descriptor descriptor = null;
    if (root != null) {
      Interpolation.Result interpolated = Interpolation.apply(root, variables, findings);
      substituted = interpolated.substituted();
      if (findings.errors.isEmpty()) {
        descriptor =
            ComposeBinder.bind(findings, interpolated.root(), variables, options, substituted)
                .orElse(null);
      }
    }
    if (!findings.errors.isEmpty() || descriptor == null) {
      if (findings.errors.isEmpty()) {
        findings.errors.add(new Problem(file, "", 0, 0, "invalid Compose file"));
      }
      throw new DescriptorException(masked(findings.errors, substituted));
    }
    return new ParsedDescriptor(
        descriptor, DescriptorException.sorted(masked(findings.warnings, substituted)));
  }

  private static List<Problem> masked(List<Problem> problems, Set<String> values) {
    return problems.stream().map(p -> Redaction.mask(p, values)).toList();
  }
}
