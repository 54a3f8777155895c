package io.stow.docker;

import com.fasterxml.jackson.databind.JsonNode;
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
      return read(json.readTree(answer));
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

  private static List<ObservedContainer> read(JsonNode root) {
    if (!root.isArray()) {
      throw new DockerException("the container list is not a JSON array", 200);
    }
    List<ObservedContainer> containers = new ArrayList<>(root.size());
    for (JsonNode c : root) {
      containers.add(
          ContainerStates.summary(
              text(c, "Id"),
              c.path("Names").isArray() && c.path("Names").size() > 0
                  ? c.path("Names").get(0).asText()
                  : null,
              text(c, "Image"),
              labels(c.path("Labels")),
              text(c, "State"),
              text(c, "Status")));
    }
    containers.sort(Comparator.comparing(ObservedContainer::name));
    return containers;
  }

  private static String text(JsonNode container, String field) {
    JsonNode value = container.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Map<String, String> labels(JsonNode labels) {
    if (!labels.isObject()) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    labels.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asText()));
    return values;
  }
}
