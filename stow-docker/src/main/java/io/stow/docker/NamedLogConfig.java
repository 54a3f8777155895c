package io.stow.docker;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.github.dockerjava.api.model.LogConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A log configuration with the driver as plain text. docker-java's {@link LogConfig} takes the
 * driver from a fixed enum that lacks plugins ({@code name:tag}) and drivers such as {@code
 * logentries}; this subclass is written as {@code {"Type": driver, "Config": options}} instead.
 */
@JsonSerialize(using = NamedLogConfig.Writer.class)
final class NamedLogConfig extends LogConfig {

  private static final long serialVersionUID = 1L;

  private final String driver;

  NamedLogConfig(String driver, Map<String, String> options) {
    super(null, new LinkedHashMap<>(options));
    this.driver = driver;
  }

  /** The driver's name as Docker takes it. */
  String driver() {
    return driver;
  }

  /** Writes the driver name as text. */
  static final class Writer extends JsonSerializer<NamedLogConfig> {
    @Override
    public void serialize(NamedLogConfig value, JsonGenerator out, SerializerProvider provider)
        throws IOException {
      out.writeStartObject();
      out.writeStringField("Type", value.driver);
      out.writeObjectField("Config", value.getConfig());
      out.writeEndObject();
    }
  }
}
