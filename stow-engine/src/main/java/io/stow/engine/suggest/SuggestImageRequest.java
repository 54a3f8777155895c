package io.stow.engine.suggest;

import io.stow.model.ImageRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What {@code stow suggest-image} proposes: set {@code container}'s image in the manifest of {@code
 * <subfolder>} (stow.yaml, or a Compose file where the container is a service name) of the
 * deployment project to {@code image} ({@code repo:tag}) pinned by {@code digest} (asked from
 * Docker when absent).
 *
 * @param pipelineUserId {@code GITLAB_USER_ID}, for the {@code gitlab_user_id} assign attempt
 * @param changelogFile a file of the application's local Git checkout whose added lines between the
 *     old and the new tag go into the description
 */
public record SuggestImageRequest(
    String project,
    String subfolder,
    String container,
    String image,
    Optional<String> digest,
    List<AssignAttempt> assign,
    Optional<String> pipelineUserId,
    Optional<Path> changelogFile,
    boolean allowDowngrade,
    boolean dryRun) {

  private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");
  private static final String PROBE_DIGEST = "sha256:" + "0".repeat(64);

  /**
   * @throws IllegalArgumentException saying which value is wrong and how to write it
   */
  public SuggestImageRequest {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(subfolder, "subfolder");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(pipelineUserId, "pipelineUserId");
    Objects.requireNonNull(changelogFile, "changelogFile");
    assign = List.copyOf(assign);
    project = required(project, "--project");
    container = required(container, "--container");
    subfolder = subfolder(subfolder);
    image = tagged(image);
    digest = digest.map(SuggestImageRequest::normaliseDigest);
  }

  /** {@code <subfolder>/<fileName>}, e.g. {@code host/stow.yaml}. */
  public String manifestPath(String fileName) {
    return subfolder + "/" + fileName;
  }

  /**
   * The deployment folder's own name, the subfolder's last part: a Compose project's name when the
   * file sets none, as the daemon names it.
   */
  public String folderName() {
    return subfolder.substring(subfolder.lastIndexOf('/') + 1);
  }

  /** The tag of {@link #image()}. */
  public String tag() {
    return image.substring(image.lastIndexOf(':') + 1);
  }

  /** {@code image@sha256:hex}. */
  public String pinned(String digestWithPrefix) {
    return image + "@" + digestWithPrefix;
  }

  /** {@code sha256:<64 lower-case hex>} from 64 hex characters, with or without the prefix. */
  public static String normaliseDigest(String digest) {
    String hex = digest.strip();
    if (hex.startsWith("sha256:")) {
      hex = hex.substring("sha256:".length());
    }
    if (!HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException(
          "--digest must be 64 hex characters, optionally prefixed with sha256: (got "
              + hex.length()
              + " characters); use the digest docker push printed");
    }
    return "sha256:" + hex.toLowerCase(Locale.ROOT);
  }

  private static String tagged(String image) {
    String value = image.strip();
    if (value.contains("@")) {
      throw new IllegalArgumentException(
          "--image "
              + value
              + " carries a digest; pass repo:tag to --image and the digest to"
              + " --digest");
    }
    int colon = value.lastIndexOf(':');
    if (colon < 0 || colon < value.lastIndexOf('/') || colon == value.length() - 1) {
      throw new IllegalArgumentException(
          "--image " + value + " has no tag; pass repo:tag (the digest goes to --digest)");
    }
    try {
      return ImageRef.parse(value + "@" + PROBE_DIGEST).tagged();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--image: " + e.getMessage().replace("@" + PROBE_DIGEST, ""), e);
    }
  }

  private static String subfolder(String subfolder) {
    String value = required(subfolder, "--subfolder");
    while (value.startsWith("/")) {
      value = value.substring(1);
    }
    while (value.endsWith("/")) {
      value = value.substring(0, value.length() - 1);
    }
    for (String part : value.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new IllegalArgumentException(
            "--subfolder '" + subfolder + "' must be a folder path inside the repository");
      }
    }
    return value;
  }

  private static String required(String value, String option) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(option + " must not be empty");
    }
    return value.strip();
  }
}
