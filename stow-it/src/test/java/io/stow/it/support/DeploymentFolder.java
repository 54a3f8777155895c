package io.stow.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A deployment folder on disk ({@code stow.yaml} plus config files), as {@code --dir} reads it. */
public final class DeploymentFolder {

  private final Path dir;

  private DeploymentFolder(Path dir) {
    this.dir = dir;
  }

  /** Creates (or reuses) {@code dir} and writes {@code stow.yaml} into it. */
  public static DeploymentFolder at(Path dir, StowYaml yaml) {
    return new DeploymentFolder(dir).file("stow.yaml", yaml.render());
  }

  /** Creates (or reuses) {@code dir} as an empty folder to write files into (a Compose folder). */
  public static DeploymentFolder at(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DeploymentFolder(dir);
  }

  /** Writes {@code content} to {@code relative}, creating parent directories. */
  public DeploymentFolder file(String relative, String content) {
    Path file = dir.resolve(relative);
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public DeploymentFolder delete(String relative) {
    try {
      Files.delete(dir.resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  public Path path() {
    return dir;
  }

  @Override
  public String toString() {
    return dir.toString();
  }
}
