package io.stow.model.parse;

import io.stow.model.Descriptor;
import io.stow.model.FileOwnership;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

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
    String name = file.toString();
    if (Files.isSymbolicLink(file)) {
      throw single(
          name,
          "is a symbolic link; a deployment folder holds regular files only: replace it with the"
              + " file itself");
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      content = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw single(name, "no such file; a deployment folder needs a stow.yaml at its root");
    } catch (AccessDeniedException e) {
      throw single(name, "cannot read: permission denied: " + FileOwnership.describe(file));
    } catch (IOException e) {
      throw single(name, "cannot read: " + reason(e));
    }
    return read(name, content);
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
    if (content.length > MAX_BYTES) {
      throw single(
          file,
          "the file is larger than "
              + MAX_BYTES / 1024
              + " KiB; a descriptor lists containers, keep data in config files beside it");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(content))
              .toString();
    } catch (CharacterCodingException e) {
      throw single(file, "is not UTF-8 text; save it as UTF-8");
    }
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

  private static String reason(IOException e) {
    String reason = e instanceof java.nio.file.FileSystemException fs ? fs.getReason() : null;
    if (reason == null) {
      reason = e.getMessage();
    }
    return reason == null ? e.getClass().getSimpleName() : reason;
  }

  private static DescriptorException single(String file, String message) {
    return new DescriptorException(List.of(new Problem(file, "", 0, 0, message)));
  }
}
