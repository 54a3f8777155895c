package io.stow.sops;

import java.nio.file.Path;
import java.util.Locale;

/** The file formats sops knows, chosen by file name extension exactly as sops chooses them. */
enum SopsFormat {
  YAML(new YamlStore()),
  JSON(new JsonStore()),
  DOTENV(new DotenvStore()),
  INI(new IniStore()),
  BINARY(new BinaryStore());

  /** The key of the metadata block. */
  static final String METADATA_KEY = "sops";

  private final Store store;

  SopsFormat(Store store) {
    this.store = store;
  }

  Store store() {
    return store;
  }

  /** The format sops picks for this file name; anything unknown is binary. */
  static SopsFormat of(Path file) {
    Path name = file.getFileName();
    String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
      return YAML;
    }
    if (lower.endsWith(".json")) {
      return JSON;
    }
    if (lower.endsWith(".env")) {
      return DOTENV;
    }
    if (lower.endsWith(".ini")) {
      return INI;
    }
    return BINARY;
  }
}
