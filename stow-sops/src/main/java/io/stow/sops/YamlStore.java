package io.stow.sops;

import java.util.List;

/** The YAML store: multi-document, comments kept, YAML 1.2 typing. */
final class YamlStore implements Store {

  @Override
  public List<Node.MapNode> parse(byte[] content, SopsLimits limits) {
    return YamlReader.read(content, limits);
  }

  @Override
  public byte[] emit(List<Node.MapNode> documents) {
    return YamlWriter.write(documents);
  }
}
