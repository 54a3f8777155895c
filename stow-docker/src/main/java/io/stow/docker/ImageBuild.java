package io.stow.docker;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One image to build through the Docker API.
 *
 * @param context the build context folder, sent to Docker as a tar
 * @param dockerfile the Dockerfile, relative to the context
 * @param args build arguments; values may be secrets and are never shown
 * @param target the stage of a multi-stage Dockerfile to stop at
 * @param platform {@code os/arch[/variant]} to build for
 * @param tag the reference the image gets, {@code repo:tag}
 * @param labels labels the image carries
 */
public record ImageBuild(
    Path context,
    String dockerfile,
    Map<String, String> args,
    Optional<String> target,
    Optional<String> platform,
    String tag,
    Map<String, String> labels) {

  public ImageBuild {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(dockerfile, "dockerfile");
    args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(tag, "tag");
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** The same build with more labels (e.g. a test's). */
  public ImageBuild withLabels(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.putAll(more);
    return new ImageBuild(context, dockerfile, args, target, platform, tag, all);
  }

  /** Names args only: their values may be secrets. */
  @Override
  public String toString() {
    return "ImageBuild[" + tag + " from " + context + ", args=" + args.keySet() + "]";
  }
}
