package io.stow.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.stow.model.ImageRef;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Pulls an image by its digest ({@code repo} plus {@code sha256:...}), so a moved tag can never
 * change what runs, and checks afterwards that the digest is really present.
 */
final class ImagePull {

  private final DockerClient client;
  private final DockerErrors errors;

  ImagePull(DockerClient client, DockerErrors errors) {
    this.client = client;
    this.errors = errors;
  }

  void pull(ImageRef image, Consumer<PullProgress> progress) {
    String subject = image.toString();
    PullCallback callback = new PullCallback(subject, progress);
    try {
      client
          .pullImageCmd(image.repository())
          .withTag(image.digest())
          .exec(callback)
          .awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerOperationException("pull", subject, "interrupted", e);
    } catch (NotFoundException e) {
      throw errors.translate("pull", subject, e, missingHint(image));
    } catch (RuntimeException e) {
      throw errors.translate("pull", subject, e, registryHint(image));
    }
    callback
        .streamError()
        .ifPresent(
            message -> {
              String hint = looksMissing(message) ? missingHint(image) : registryHint(image);
              throw new DockerOperationException("pull", subject, message + "; " + hint);
            });
    boolean present;
    try {
      client.inspectImageCmd(image.pinned()).exec();
      present = true;
    } catch (NotFoundException e) {
      present = false;
    } catch (RuntimeException e) {
      throw errors.translate("pull", subject, e);
    }
    if (!present) {
      throw new DockerOperationException(
          "pull", subject, "Docker reported success but " + image.pinned() + " is not present");
    }
  }

  /** Pulls {@code repo:tag} by its tag, to learn the digest the registry serves for it now. */
  void pullTag(String imageTagged, Consumer<PullProgress> progress) {
    int slash = imageTagged.lastIndexOf('/');
    int colon = imageTagged.lastIndexOf(':');
    if (colon < 0 || colon < slash || imageTagged.contains("@")) {
      throw new IllegalArgumentException("not repo:tag: " + imageTagged);
    }
    PullCallback callback = new PullCallback(imageTagged, progress);
    String hint =
        "check the image name and tag, that its registry is reachable from the Docker engine and"
            + " that the engine is logged in to it";
    try {
      client
          .pullImageCmd(imageTagged.substring(0, colon))
          .withTag(imageTagged.substring(colon + 1))
          .exec(callback)
          .awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerOperationException("pull", imageTagged, "interrupted", e);
    } catch (RuntimeException e) {
      throw errors.translate("pull", imageTagged, e, hint);
    }
    callback
        .streamError()
        .ifPresent(
            message -> {
              throw new DockerOperationException("pull", imageTagged, message + "; " + hint);
            });
  }

  private static boolean looksMissing(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    return lower.contains("not found") || lower.contains("manifest unknown");
  }

  private static String missingHint(ImageRef image) {
    return "the registry has no image "
        + image.pinned()
        + "; check that this digest was pushed (docker push "
        + image.tagged()
        + " prints it) and that the repository name is right";
  }

  private static String registryHint(ImageRef image) {
    return "check that the registry of "
        + image.repository()
        + " is reachable from the Docker engine and that the engine is logged in to it";
  }
}
