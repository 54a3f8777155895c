package io.stow.sops;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The binary store: the whole file is one value, kept as {@code {"data": ..., "sops": ...}} in
 * JSON; the decrypted output is that value's bytes.
 */
final class BinaryStore implements Store {

  static final String DATA_KEY = "data";

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
    Node data = documents.get(0).get(DATA_KEY);
    if (!(data instanceof Node.Scalar scalar) || scalar.value() == null) {
      throw new StoreException("the binary file has no 'data' value");
    }
    Object value = scalar.value();
    return value instanceof byte[] bytes
        ? bytes
        : GoFormat.text(value).getBytes(StandardCharsets.UTF_8);
  }
}
