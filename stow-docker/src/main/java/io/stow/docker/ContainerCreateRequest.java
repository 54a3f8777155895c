package io.stow.docker;

import io.stow.model.ContainerSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to create one container: the descriptor entry plus what the engine resolved for
 * this host. {@code env} is the final environment (env files merged, then {@code env}); it goes
 * into the API request body, never on a command line, and never into logs. {@code labels} holds the
 * user's labels plus the {@code stow.*} labels. {@code binds} replaces the spec's volumes, with
 * sources resolved to absolute host paths. {@code image} is the reference Docker creates the
 * container from: the pinned {@code repo:tag@sha256:...} of the spec, or for a service built from
 * the folder, the tag the engine built ({@code stow/<project>-<service>:<build tag>}).
 */
public record ContainerCreateRequest(
    ContainerSpec spec,
    Map<String, String> env,
    List<BindMount> binds,
    Map<String, String> labels,
    String image) {

  public ContainerCreateRequest {
    Objects.requireNonNull(spec, "spec");
    env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    binds = List.copyOf(binds);
    labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    Objects.requireNonNull(image, "image");
  }

  /** A request for the spec's pinned image. */
  public ContainerCreateRequest(
      ContainerSpec spec,
      Map<String, String> env,
      List<BindMount> binds,
      Map<String, String> labels) {
    this(spec, env, binds, labels, spec.image().toString());
  }

  /** The same request, creating from {@code reference} (a built image's tag). */
  public ContainerCreateRequest withImage(String reference) {
    return new ContainerCreateRequest(spec, env, binds, labels, reference);
  }

  /** The container name. */
  public String name() {
    return spec.name();
  }

  @Override
  public String toString() {
    // env values may be secrets: only the names are shown
    return "ContainerCreateRequest[name=" + spec.name() + ", env=" + env.keySet() + "]";
  }
}
