package io.stow.model.parse;

import io.stow.model.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and validates {@code stow.yaml}. Every problem is reported at once, each with its YAML
 * path and {@code file:line:col}; nothing is returned unless the whole descriptor is valid.
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
    String name = file.toString();
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      content = in.readNBytes(MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw single(name, "no such file; a deployment folder needs a stow.yaml at its root");
    } catch (IOException e) {
      throw single(name, "cannot read: " + e.getMessage());
    }
    return parse(name, content);
  }

  /**
   * Parses descriptor bytes; {@code file} names them in problems.
   *
   * @throws DescriptorException listing every problem found
   */
  public static Descriptor parse(String file, byte[] content) {
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
    List<Problem> problems = new ArrayList<>();
    YamlNode root = YamlTreeReader.read(file, text, problems);
    Descriptor descriptor =
        root == null ? null : DescriptorBinder.bind(file, root, problems).orElse(null);
    if (!problems.isEmpty() || descriptor == null) {
      if (problems.isEmpty()) {
        problems.add(new Problem(file, "", 0, 0, "invalid descriptor"));
      }
      throw new DescriptorException(problems);
    }
    return descriptor;
  }

  private static DescriptorException single(String file, String message) {
    return new DescriptorException(List.of(new Problem(file, "", 0, 0, message)));
  }
}
