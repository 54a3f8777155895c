package io.stow.gitlab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * One API endpoint: path segments below the API base (each encoded as one segment, so {@code /} in
 * a project path or file path becomes {@code %2F}) and query parameters. It renders both the URL to
 * call and the text people see in errors, where the project appears as the path they gave.
 */
final class Endpoint {

  /** Stands for the project's segment; replaced by its numeric id or its path. */
  static final String PROJECT = "\u0000project";

  private final List<String> segments;
  private final Map<String, String> query;

  private Endpoint(List<String> segments, Map<String, String> query) {
    this.segments = List.copyOf(segments);
    this.query = query;
  }

  /** {@code /projects/:id/<segments>}. */
  static Endpoint project(String... segments) {
    List<String> all = new ArrayList<>();
    all.add("projects");
    all.add(PROJECT);
    all.addAll(List.of(segments));
    return new Endpoint(all, new LinkedHashMap<>());
  }

  /** {@code /<segments>}, outside any project. */
  static Endpoint of(String... segments) {
    return new Endpoint(List.of(segments), new LinkedHashMap<>());
  }

  Endpoint query(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(query);
    copy.put(name, value);
    return new Endpoint(segments, copy);
  }

  HttpUrl url(HttpUrl apiBase, String projectSegment) {
    HttpUrl.Builder url = apiBase.newBuilder();
    for (String segment : segments) {
      url.addPathSegment(segment.equals(PROJECT) ? projectSegment : segment);
    }
    query.forEach(url::addQueryParameter);
    return url.build();
  }

  /**
   * The path and query as shown in messages, e.g. {@code /projects/ops%2Fdeploy/repository/...}.
   */
  String display(String projectSegment) {
    HttpUrl shown = url(HttpUrl.get("http://gitlab/"), projectSegment);
    String query = shown.encodedQuery();
    return shown.encodedPath() + (query == null ? "" : "?" + query);
  }
}
