package io.stow.engine;

import io.stow.model.Descriptor;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads and validates a {@code stow.yaml}. The default is {@code DescriptorParser::parse}; tests
 * pass a loader that returns records built in code. A loader reports problems by throwing; its
 * message (file, YAML path, line:col) is shown as is, so it must never contain an env value.
 */
@FunctionalInterface
public interface DescriptorLoader {

  Descriptor load(Path stowYaml) throws IOException;
}
