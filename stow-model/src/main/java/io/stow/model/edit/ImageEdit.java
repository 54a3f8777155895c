package io.stow.model.edit;

import java.util.Objects;

/**
 * The result of replacing one container's image in stow.yaml: the new file text, the image it held
 * before, and where that scalar is (1-based line and column).
 */
public record ImageEdit(
    String content, String previousImage, String newImage, int line, int column) {

  public ImageEdit {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(previousImage, "previousImage");
    Objects.requireNonNull(newImage, "newImage");
  }

  /** Whether the file changes at all. */
  public boolean changed() {
    return !previousImage.equals(newImage);
  }
}
