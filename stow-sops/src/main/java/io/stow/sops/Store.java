package io.stow.sops;

import java.util.List;

/**
 * Reads and writes one file format as sops does. A file is a list of documents (only YAML has more
 * than one); each document is a mapping that holds the sops metadata under the key {@code sops}.
 */
interface Store {

  /**
   * Whether {@code content} looks like it holds a sops metadata block with a {@code mac} or {@code
   * version}, judged from its lines or tokens without building a tree. Used only to skip parsing
   * files that cannot be SOPS files; the parsed metadata has the last word.
   */
  boolean hasMetadataBlock(byte[] content);

  /** The documents of {@code content}; throws {@link StoreException} when it is malformed. */
  List<Node.MapNode> parse(byte[] content, SopsLimits limits);

  /** The bytes sops writes for these documents. */
  byte[] emit(List<Node.MapNode> documents);

  /** The sops metadata block of the parsed documents, as a mapping, or null when absent. */
  default Node.MapNode metadata(List<Node.MapNode> documents) {
    for (Node.MapNode document : documents) {
      if (document.get(SopsFormat.METADATA_KEY) instanceof Node.MapNode metadata) {
        return metadata;
      }
    }
    return null;
  }

  /** The documents without their metadata block. */
  default List<Node.MapNode> withoutMetadata(List<Node.MapNode> documents) {
    return documents.stream().map(d -> d.without(SopsFormat.METADATA_KEY)).toList();
  }
}
