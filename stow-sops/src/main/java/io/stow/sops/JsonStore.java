package io.stow.sops;

import java.util.List;

/** The JSON store: one object, key order kept. */
final class JsonStore implements Store {

  @Override
  public boolean hasMetadataBlock(byte[] content) {
    return JsonReader.hasMetadataBlock(content);
  }

  @Override
  public List<Node.MapNode> parse(byte[] content, SopsLimits limits) {
    return List.of(JsonReader.read(content, limits));
  }

  @Override
  public byte[] emit(List<Node.MapNode> documents) {
    return JsonWriter.write(documents.get(0));
  }
}
