package io.stow.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An image built from the deployment folder (Compose's {@code build}). The engine builds it through
 * the Docker API and tags it {@code <repository>:<build tag>}, where the tag is derived from this
 * definition and the content of the context, so a change to either builds again and nothing else
 * does.
 *
 * @param context the build context, a relative path inside the deployment folder ({@code .} for the
 *     folder itself)
 * @param dockerfile the Dockerfile, relative to the context
 * @param args build arguments; values may come from interpolation and are never shown
 * @param target the stage of a multi-stage Dockerfile to build, if not the last
 * @param repository {@code stow/<project>-<service>}
 */
public record BuildSpec(
    String context,
    String dockerfile,
    Map<String, String> args,
    Optional<String> target,
    String repository) {

  /** The tag of the stand-in {@link ImageRef} a built container carries in the model. */
  public static final String STAND_IN_TAG = "build";

  public BuildSpec {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(dockerfile, "dockerfile");
    args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(repository, "repository");
    if (context.startsWith("/")) {
      throw new IllegalArgumentException("a build context must be a path inside the folder");
    }
    if (dockerfile.startsWith("/") || dockerfile.isBlank()) {
      throw new IllegalArgumentException("a Dockerfile must be a path inside the build context");
    }
  }

  /**
   * SHA-256 (hex) of this definition in a fixed form (args sorted), the part of the build tag that
   * does not depend on the context's files.
   */
  public String definitionHash() {
    StringBuilder text = new StringBuilder();
    text.append("context\0").append(context).append('\0');
    text.append("dockerfile\0").append(dockerfile).append('\0');
    target.ifPresent(t -> text.append("target\0").append(t).append('\0'));
    new TreeMap<>(args).forEach((k, v) -> text.append("arg\0").append(k).append('\0').append(v));
    return sha256(text.toString());
  }

  /**
   * The reference a built container carries in the model where a pulled one carries its pinned
   * image: {@code <repository>:build@sha256:<definition hash>}. It names the build, it is never
   * pulled or sent to Docker; the engine runs {@code <repository>:<build tag>}.
   */
  public ImageRef standIn() {
    return new ImageRef(repository, STAND_IN_TAG, "sha256:" + definitionHash());
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }

  /** Names args only: their values may be secrets. */
  @Override
  public String toString() {
    return "BuildSpec[context="
        + context
        + ", dockerfile="
        + dockerfile
        + ", args="
        + args.keySet()
        + ", target="
        + target.orElse("(last stage)")
        + "]";
  }
}
