package io.stow.docker;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.transport.DockerHttpClient;
import io.stow.model.ObservedContainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The container list every reconcile and every poll makes ({@code GET /containers/json}), read from
 * the engine's answer straight into {@link ObservedContainer}s over docker-java's transport.
 * docker-java's own list command binds every field of every container into its model, twice over (a
 * tree, then the model), which on a warm host costs more than the call itself; this reads the six
 * fields the planner needs.
 */
final class ContainerList {

  /** Bounds the answer read into memory: far above any host's list, far below the heap. */
  static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

  private final DockerHttpClient http;
  private final ObjectMapper json;
  private final String apiPrefix;

  /**
   * @param apiPrefix {@code /v1.41} when the client pins an API version, else empty (as
   *     docker-java's own commands)
   */
  ContainerList(DockerHttpClient http, ObjectMapper json, String apiPrefix) {
    this.http = Objects.requireNonNull(http, "http");
    this.json = Objects.requireNonNull(json, "json");
    this.apiPrefix = Objects.requireNonNull(apiPrefix, "apiPrefix");
  }

  /**
   * Every container, running or not, that carries all of {@code labels}, sorted by name.
   *
   * @throws DockerException when the engine answers with another status than 200
   * @throws RuntimeException as docker-java's transport throws when the engine cannot be reached
   */
  List<ObservedContainer> labelled(Map<String, String> labels) {
    DockerHttpClient.Request request =
        DockerHttpClient.Request.builder()
            .method(DockerHttpClient.Request.Method.GET)
            .path(path(labels))
            .putHeader("Accept", "application/json")
            .build();
    try (DockerHttpClient.Response response = http.execute(request);
        InputStream body = response.getBody()) {
      byte[] answer = body.readNBytes(MAX_ANSWER_BYTES + 1);
      if (response.getStatusCode() != 200) {
        throw new DockerException(
            "Status "
                + response.getStatusCode()
                + ": "
                + new String(answer, 0, Math.min(answer.length, 4096), StandardCharsets.UTF_8),
            response.getStatusCode());
      }
      if (answer.length > MAX_ANSWER_BYTES) {
        throw new DockerException(
            "the container list is larger than " + MAX_ANSWER_BYTES + " bytes", 200);
      }
      return read(answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String path(Map<String, String> labels) {
    List<String> wanted =
        labels.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
    String filters;
    try {
      filters = json.writeValueAsString(Map.of("label", wanted));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return apiPrefix
        + "/containers/json?all=true"
        + (wanted.isEmpty()
            ? ""
            : "&filters=" + URLEncoder.encode(filters, StandardCharsets.UTF_8));
  }

  /** Streams the answer, keeping six fields of each container and skipping everything else. */
  private List<ObservedContainer> read(byte[] answer) throws IOException {
    List<ObservedContainer> containers = new ArrayList<>();
    try (JsonParser parser = json.getFactory().createParser(answer)) {
      if (parser.nextToken() != JsonToken.START_ARRAY) {
        throw new DockerException("the container list is not a JSON array", 200);
      }
      while (parser.nextToken() == JsonToken.START_OBJECT) {
        containers.add(container(parser));
      }
    }
    containers.sort(Comparator.comparing(ObservedContainer::name));
    return containers;
  }

  private static ObservedContainer container(JsonParser parser) throws IOException {
    String id = null;
    String name = null;
    String image = null;
    String state = null;
    String status = null;
    Map<String, String> labels = null;
    for (String field = parser.nextFieldName(); field != null; field = parser.nextFieldName()) {
      JsonToken value = parser.nextToken();
      switch (field) {
        case "Id" -> id = text(parser, value);
        case "Image" -> image = text(parser, value);
        case "State" -> state = text(parser, value);
        case "Status" -> status = text(parser, value);
        case "Names" -> name = firstName(parser, value);
        case "Labels" -> labels = labels(parser, value);
        default -> parser.skipChildren();
      }
    }
    return ContainerStates.summary(id, name, image, labels, state, status);
  }

  private static String text(JsonParser parser, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return parser.getText();
    }
    parser.skipChildren();
    return null;
  }

  private static String firstName(JsonParser parser, JsonToken value) throws IOException {
    if (value != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return null;
    }
    String first = null;
    for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
      String name = text(parser, t);
      if (first == null) {
        first = name;
      }
    }
    return first;
  }

  private static Map<String, String> labels(JsonParser parser, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (String key = parser.nextFieldName(); key != null; key = parser.nextFieldName()) {
      String text = text(parser, parser.nextToken());
      if (text != null) {
        labels.put(key, text);
      }
    }
    return labels;
  }
}
