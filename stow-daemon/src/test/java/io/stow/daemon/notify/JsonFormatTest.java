package io.stow.daemon.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import io.stow.model.config.NotifyEvent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The json format: stow's documented schema, checked against the schema file and the README. */
class JsonFormatTest {

  static JsonSchema schema() throws IOException {
    try (InputStream in =
        JsonFormatTest.class.getResourceAsStream(
            "/io/stow/daemon/notify/notification.schema.json")) {
      assertThat(in).as("schema resource").isNotNull();
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
    }
  }

  private static JsonNode render(Notification n, Optional<String> token) {
    return Bodies.json(Bodies.render(new JsonFormat(), n, "https://hooks.example.com/stow", token));
  }

  @Test
  void everyEvent_matchesTheSchema() throws IOException {
    JsonSchema schema = schema();
    List<Notification> all = new ArrayList<>();
    for (NotifyEvent event : NotifyEvent.values()) {
      all.add(SampleNotifications.of(event));
    }
    all.add(NotifyTest.notification("host-1", "host-1", java.time.Instant.EPOCH));
    for (Notification n : all) {
      assertThat(schema.validate(render(n, Optional.empty()))).as(n.event().label()).isEmpty();
    }
  }

  @Test
  void aRolledBackDocument_holdsTheRunsFacts() {
    JsonNode json = render(SampleNotifications.rolledBack(), Optional.empty());

    assertThat(json.path("schema").asText()).isEqualTo("stow.notification.v1");
    assertThat(json.path("event").asText()).isEqualTo("rolled-back");
    assertThat(json.path("deployment").asText()).isEqualTo("shop");
    assertThat(json.path("commit").asText()).isEqualTo(SampleNotifications.COMMIT);
    assertThat(json.path("result").asText()).isEqualTo("failed-rolled-back");
    assertThat(json.path("reason").asText()).startsWith("verification failed");
    assertThat(json.path("rollback").path("target_hash").asText())
        .isEqualTo(SampleNotifications.PREVIOUS);
    assertThat(json.path("containers").get(0).path("name").asText()).isEqualTo("web");
    assertThat(json.path("links").path("status").asText()).contains("/status?head_hash=");
    assertThat(json.path("finished_at").asText()).isEqualTo("2026-05-01T10:01:05Z");
  }

  @Test
  void theSchema_refusesWhatIsNotANotification() throws IOException {
    JsonNode bad = render(SampleNotifications.rolledBack(), Optional.empty()).deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) bad).put("event", "exploded");
    ((com.fasterxml.jackson.databind.node.ObjectNode) bad).put("token", "x");

    assertThat(schema().validate(bad)).hasSize(2);
  }

  @Test
  void theToken_goesInTheAuthorizationHeaderOnly() {
    Payload payload =
        Bodies.render(
            new JsonFormat(),
            SampleNotifications.rolledBack(),
            "https://hooks.example.com/stow",
            Optional.of("json-SENTINEL"));

    assertThat(payload.headers()).containsEntry("Authorization", "Bearer json-SENTINEL");
    assertThat(new String(payload.body(), java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("json-SENTINEL");
    assertThat(payload.contentType()).startsWith("application/json");
  }

  @Test
  void theReadme_documentsEveryFieldOfTheSchema() throws IOException {
    JsonNode schema =
        JsonBodies.MAPPER.readTree(
            JsonFormatTest.class.getResourceAsStream(
                "/io/stow/daemon/notify/notification.schema.json"));
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(f -> required.add(f.asText()));
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("<!-- notification-schema -->");
    int end = readme.indexOf("<!-- /notification-schema -->");
    assertThat(start).as("the README marks the notification schema table").isPositive();
    List<String> documented = new ArrayList<>();
    Matcher row = Pattern.compile("(?m)^\\| `([a-z_]+)` \\|").matcher(readme.substring(start, end));
    while (row.find()) {
      documented.add(row.group(1));
    }

    assertThat(documented).containsExactlyElementsOf(required);
  }
}
