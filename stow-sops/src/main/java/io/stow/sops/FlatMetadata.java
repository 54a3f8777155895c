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

  /** "a__list_0__map_b" becomes ["a", 0, "b"]. */
  private static List<Object> split(String flatKey) {
    List<Object> segments = new ArrayList<>();
    String rest = flatKey;
    int cut = nextSeparator(rest);
    segments.add(cut < 0 ? rest : rest.substring(0, cut));
    rest = cut < 0 ? "" : rest.substring(cut);
    while (!rest.isEmpty()) {
      if (rest.startsWith(MAP)) {
        rest = rest.substring(MAP.length());
        cut = nextSeparator(rest);
        segments.add(cut < 0 ? rest : rest.substring(0, cut));
      } else {
        rest = rest.substring(LIST.length());
        cut = nextSeparator(rest);
        String index = cut < 0 ? rest : rest.substring(0, cut);
        try {
          segments.add(Integer.parseInt(index));
        } catch (NumberFormatException e) {
          throw new StoreException("malformed flattened sops metadata key '" + flatKey + "'");
        }
      }
      rest = cut < 0 ? "" : rest.substring(cut);
    }
    return segments;
  }

  private static int nextSeparator(String s) {
    int map = s.indexOf(MAP);
    int list = s.indexOf(LIST);
    if (map < 0) {
      return list;
    }
    return list < 0 ? map : Math.min(map, list);
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
