package io.stow.engine.pin;

import io.stow.docker.DockerHost;
import io.stow.docker.DockerOperationException;
import io.stow.docker.PullProgress;
import io.stow.engine.fs.PrivateFiles;
import io.stow.model.ImageRef;
import io.stow.model.edit.ComposeImageEditor;
import io.stow.model.edit.ComposeImageEditor.ServiceImage;
import io.stow.model.parse.DescriptorException;
import io.stow.model.parse.ManifestFiles;
import io.stow.model.parse.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code stow pin DIR}: pins every image of a folder's Compose file that names a tag but no digest
 * to the digest its registry serves for that tag now (pulled through the local Docker engine, then
 * read from the image's RepoDigests), editing the file in place: every other byte stays as it was.
 * An image without a tag is pinned as {@code :latest}, as Docker reads it. Images that cannot be
 * edited alone (interpolated, reached through an anchor) are reported and left as they are.
 */
public final class ImagePinner {

  private final Supplier<DockerHost> docker;

  /**
   * @param docker the local engine, asked for only when an image needs pinning
   */
  public ImagePinner(Supplier<DockerHost> docker) {
    this.docker = Objects.requireNonNull(docker, "docker");
  }

  /**
   * Pins the Compose file of {@code folder}; {@code notes} hears each image as it is resolved.
   *
   * @throws DescriptorException when the folder has no Compose file or it cannot be read
   * @throws DockerOperationException when a tag cannot be pulled or has no registry digest
   */
  public PinReport pin(Path folder, Consumer<String> notes) throws IOException {
    String name =
        ManifestFiles.find(folder)
            .filter(ManifestFiles::isCompose)
            .orElseThrow(
                () ->
                    new DescriptorException(
                        List.of(
                            new Problem(
                                folder.toString(),
                                "",
                                0,
                                0,
                                "no Compose file ("
                                    + String.join(", ", ManifestFiles.COMPOSE)
                                    + "); stow pin edits Compose files (stow.yaml images are"
                                    + " pinned as written, or by stow suggest-image)"))));
    Path file = folder.resolve(name);
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(file + " is not a regular file");
    }
    String original = Files.readString(file, StandardCharsets.UTF_8);
    String yaml = original;
    List<PinReport.Pinned> pinned = new ArrayList<>();
    List<PinReport.Skipped> skipped = new ArrayList<>();
    int unpinned = 0;
    for (ServiceImage image : ComposeImageEditor.images(file.toString(), yaml)) {
      if (image.notEditable().isPresent()) {
        skipped.add(
            new PinReport.Skipped(image.service(), image.image(), image.notEditable().get()));
        unpinned++;
        continue;
      }
      if (image.image().contains("@")) {
        skipped.add(new PinReport.Skipped(image.service(), image.image(), "already pinned"));
        continue;
      }
      String tagged = tagged(image.image().strip());
      notes.accept("resolving " + tagged + " (service " + image.service() + ")");
      String reference = tagged + "@" + digest(tagged);
      yaml =
          ComposeImageEditor.replaceImage(file.toString(), yaml, image.service(), reference)
              .content();
      pinned.add(new PinReport.Pinned(image.service(), image.image(), reference));
    }
    if (!yaml.equals(original)) {
      writeInPlace(file, yaml);
    }
    return new PinReport(file, pinned, skipped, unpinned);
  }

  /** {@code repo:tag}: a reference without a tag means {@code :latest}, as Docker reads it. */
  static String tagged(String image) {
    int slash = image.lastIndexOf('/');
    int colon = image.lastIndexOf(':');
    return colon > slash ? image : image + ":latest";
  }

  private String digest(String tagged) {
    docker.get().pullTag(tagged, (PullProgress p) -> {});
    Optional<String> digest = docker.get().repoDigest(tagged);
    if (digest.isEmpty()) {
      throw new DockerOperationException(
          "pin",
          tagged,
          "the image has no registry digest for its repository (was it built locally and never"
              + " pushed?); push it to its registry first");
    }
    // the pinned reference must be one stow.yaml's rule accepts
    return ImageRef.parse(tagged + "@" + digest.get()).digest();
  }

  /** Replaces the file by a sibling temporary file and an atomic move, keeping its mode. */
  private static void writeInPlace(Path file, String content) throws IOException {
    Path temp = file.resolveSibling("." + file.getFileName() + ".stow-pin");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      try {
        Files.setPosixFilePermissions(
            temp, Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the default mode stays
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      PrivateFiles.deleteQuietly(temp);
    }
  }
}
