package io.stow.sops;

import java.util.List;

/** The YAML store: multi-document, comments kept, YAML 1.2 typing. */
final class YamlStore implements Store {

  /** sops writes its block at column 0, {@code sops:}, with {@code mac:} and others indented. */
  @Override
  public boolean hasMetadataBlock(byte[] content) {
    Lines lines = new Lines(content);
    boolean inBlock = false;
    while (lines.advance()) {
      if (lines.startsWith("sops:")) {
        inBlock = true;
      } else if (inBlock && lines.isIndented()) {
        if (lines.isKey("mac", ":") || lines.isKey("version", ":")) {
          return true;
        }
      } else if (!lines.isBlankOrComment('#')) {
        inBlock = false;
      }
    }
    return false;
  }

  @Override
  public List<Node.MapNode> parse(byte[] content, SopsLimits limits) {
    return YamlReader.read(content, limits);
  }

  @Override
  public byte[] emit(List<Node.MapNode> documents) {
    return YamlWriter.write(documents);
  }
}
