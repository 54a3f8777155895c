package io.stow.sops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rebuilds the sops metadata tree from the flat keys dotenv and INI files hold, such as {@code
 * pgp__list_0__map_enc} or {@code key_groups__list_1__map_age__list_0__map_recipient}.
 */
final class FlatMetadata {

  private static final String MAP = "__map_";
  private static final String LIST = "__list_";

  private FlatMetadata() {}

  /** The tree of the flat {@code key = value} pairs (keys without any store prefix). */
  static Node.MapNode unflatten(Map<String, String> flat) {
    Map<String, Object> root = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : flat.entrySet()) {
      put(root, entry.getKey(), entry.getValue());
    }
    return (Node.MapNode) toNode(root);
  }

  @SuppressWarnings("unchecked")
  private static void put(Map<String, Object> root, String flatKey, String value) {
    List<Object> path = split(flatKey);
    Object container = root;
    for (int i = 0; i < path.size(); i++) {
      Object segment = path.get(i);
      boolean last = i == path.size() - 1;
      Object next =
          last
              ? value
              : path.get(i + 1) instanceof Integer ? new TreeMap<>() : new LinkedHashMap<>();
      if (container instanceof TreeMap<?, ?> list) {
        if (!(segment instanceof Integer index)) {
          throw new StoreException("malformed flattened sops metadata key '" + flatKey + "'");
        }
        container = ((TreeMap<Integer, Object>) list).computeIfAbsent(index, k -> next);
      } else {
        if (!(segment instanceof String name)) {
          throw new StoreException("malformed flattened sops metadata key '" + flatKey + "'");
        }
        container = ((Map<String, Object>) container).computeIfAbsent(name, k -> next);
      }
      if (!last && container instanceof String) {
        throw new StoreException("conflicting flattened sops metadata key '" + flatKey + "'");
      }
    }
  }

  /** "a__list_0__map_b" becomes ["a", 0, "b"]; one pass over the key, whatever its length. */
  private static List<Object> split(String flatKey) {
    List<Object> segments = new ArrayList<>();
    int from = 0;
    int nextMap = flatKey.indexOf(MAP);
    int nextList = flatKey.indexOf(LIST);
    boolean index = false;
    while (true) {
      // each separator is searched for again only once it has been passed
      if (nextMap >= 0 && nextMap < from) {
        nextMap = flatKey.indexOf(MAP, from);
      }
      if (nextList >= 0 && nextList < from) {
        nextList = flatKey.indexOf(LIST, from);
      }
      int cut = nextMap < 0 ? nextList : nextList < 0 ? nextMap : Math.min(nextMap, nextList);
      String segment = flatKey.substring(from, cut < 0 ? flatKey.length() : cut);
      if (index) {
        try {
          segments.add(Integer.parseInt(segment));
        } catch (NumberFormatException e) {
          throw new StoreException("malformed flattened sops metadata key '" + flatKey + "'");
        }
      } else {
        segments.add(segment);
      }
      if (cut < 0) {
        return segments;
      }
      index = cut == nextList;
      from = cut + (index ? LIST.length() : MAP.length());
    }
  }

  private static Node toNode(Object value) {
    if (value instanceof TreeMap<?, ?> list) {
      return new Node.ListNode(list.values().stream().map(FlatMetadata::toNode).toList());
    }
    if (value instanceof Map<?, ?> map) {
      List<Node.Entry> entries = new ArrayList<>();
      map.forEach((k, v) -> entries.add(new Node.Field((String) k, toNode(v))));
      return new Node.MapNode(entries);
    }
    return Node.Scalar.of(value);
  }
}
