package io.stow.model.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The JSON Schema shipped for editors accepts the bundled examples and rejects bad input. */
class SchemaTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonSchema schema() throws IOException {
    try (InputStream in = SchemaTest.class.getResourceAsStream("/io/stow/model/stow.schema.json")) {
      assertThat(in).as("schema resource").isNotNull();
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
  }

  private static List<Path> exampleDescriptors() throws IOException {
    try (Stream<Path> files = Files.walk(DescriptorParserTest.EXAMPLES)) {
      return files.filter(p -> p.getFileName().toString().equals("stow.yaml")).sorted().toList();
    }
  }

  @Test
  void schema_acceptsEveryBundledExampleThatTheParserAccepts() throws IOException {
    JsonSchema schema = schema();
    int validated = 0;
    for (Path file : exampleDescriptors()) {
      if (!parses(file)) {
        continue;
      }
      Set<ValidationMessage> errors = schema.validate(YAML.readTree(file.toFile()));
      assertThat(errors).as(file.toString()).isEmpty();
      validated++;
    }
    assertThat(validated).as("examples validated").isGreaterThanOrEqualTo(2);
  }

  @Test
  void schema_rejectsUnknownContainerKeysUnpinnedImagesAndBadMemory() throws IOException {
    JsonNode bad =
        YAML.readTree(
            """
            deployment: {name: demo}
            containers:
              - name: web
                image: nginx:1.27
                colour: blue
                memory: 512Mi
            """);
    Set<ValidationMessage> errors = schema().validate(bad);
    assertThat(errors.toString()).contains("colour").contains("image").contains("memory");
  }

  @Test
  void schema_acceptsWhatTheOriginalAcceptsAndStowOnlyWarnsAbout() throws IOException {
    JsonNode good =
        YAML.readTree(
            """
            deployment: {name: "My App (prod)", owner: ops}
            extra: true
            containers:
              - name: web
                image: app:1@sha256:%s
                memory: 1.5g
                restartPolicy: "no"
                publish: ["[::1]:8080:80", "8000-8010:8000-8010", "  "]
                capAdd: [cap_net_admin]
                env: {PORT: 8080}
                volumes: [{source: Runtime, target: /c, selinux: "z,rslave", note: x}]
            """
                .formatted("ab".repeat(32)));
    assertThat(schema().validate(good)).isEmpty();
  }

  private static boolean parses(Path file) {
    try {
      DescriptorParser.parse(file);
      return true;
    } catch (DescriptorException e) {
      return false;
    }
  }
}
