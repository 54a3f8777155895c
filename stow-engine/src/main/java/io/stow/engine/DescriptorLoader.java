package io.stow.engine;

import io.stow.model.Descriptor;
import io.stow.model.parse.ComposeParser;
import io.stow.model.parse.DescriptorParser;
import io.stow.model.parse.ParsedDescriptor;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Loads and validates a {@code stow.yaml} (and a Compose file, see {@link #readCompose}). The
 * default is {@code DescriptorParser::parse}; tests pass a loader that returns records built in
 * code. A loader reports problems by throwing; its message (file, YAML path, line:col) is shown as
 * is, so it must never contain an env value.
 */
@FunctionalInterface
public interface DescriptorLoader {

  /** stow.yaml as {@link DescriptorParser} reads it, warnings included. */
  DescriptorLoader PARSER =
      new DescriptorLoader() {
        @Override
        public Descriptor load(Path stowYaml) {
          return DescriptorParser.parse(stowYaml);
        }

        @Override
        public ParsedDescriptor read(Path stowYaml) {
          return DescriptorParser.read(stowYaml);
        }
      };

  Descriptor load(Path stowYaml) throws IOException;

  /**
   * The descriptor with the warnings found while reading it; a loader that has none returns {@link
   * #load}'s descriptor without warnings.
   */
  default ParsedDescriptor read(Path stowYaml) throws IOException {
    Descriptor descriptor = load(stowYaml);
    return descriptor == null ? null : new ParsedDescriptor(descriptor, java.util.List.of());
  }

  /**
   * A Compose file, with the variables of the {@code .env} beside it; {@link ComposeParser} unless
   * a loader knows better.
   */
  default ParsedDescriptor readCompose(Path composeFile, ComposeParser.Options options)
      throws IOException {
    return ComposeParser.read(composeFile, options);
  }
}
