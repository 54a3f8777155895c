package io.stow.sops;

import java.util.List;

/**
 * What every store's fuzz test checks: a parse, its metadata and a round trip fail only cleanly.
 */
final class StoreFuzzing {

  private static final SopsLimits LIMITS = new SopsLimits(1024 * 1024, 100);

  private StoreFuzzing() {}

  static void parse(Store store, byte[] content) {
    store.hasMetadataBlock(content);
    List<Node.MapNode> documents;
    try {
      documents = store.parse(content, LIMITS);
    } catch (StoreException | SopsException expected) {
      return;
    }
    try {
      Node.MapNode metadata = store.metadata(documents);
      if (metadata != null) {
        MetadataParser.parse(metadata);
      }
      store.emit(store.withoutMetadata(documents));
    } catch (StoreException | SopsException expected) {
      // a malformed metadata block or a tree the store cannot write is refused, not a crash
    }
  }
}
