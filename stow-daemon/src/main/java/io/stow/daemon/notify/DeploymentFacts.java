package io.stow.daemon.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.stow.engine.ReconcileReport;
import io.stow.engine.state.SnapshotStore;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What the daemon knows about its deployment between runs: its name and its {@code
 * deployment.daemonBaseUrl}, the address the deployment repository gives for this host's daemon
 * (the one its pipeline triggers and its badges use). Learnt from every run's report, and at start
 * from the running snapshot's rendered descriptor, so links work before the first run. Links are
 * {@code <base>/status?head_hash=<commit>} and the dashboard {@code <base>/}.
 */
public final class DeploymentFacts {

  private static final int MAX_MANIFEST_BYTES = 1024 * 1024;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private volatile Optional<String> name = Optional.empty();
  private volatile Optional<String> baseUrl = Optional.empty();

  /** Learns from a run's report: its deployment's name and base URL, when it loaded them. */
  public void learn(ReconcileReport report) {
    report.deploymentName().ifPresent(n -> name = Optional.of(n));
    report.desired().ifPresent(d -> baseUrl = baseUrl(d.tree().get("deployment")));
  }

  /** Learns from the running snapshot's rendered descriptor; a file it cannot read is skipped. */
  public void seed(Optional<Path> snapshot) {
    if (snapshot.isEmpty()) {
      return;
    }
    Path file = snapshot.get().resolve(SnapshotStore.RENDERED_MANIFEST);
    try {
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      byte[] bytes;
      try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
        bytes = in.readNBytes(MAX_MANIFEST_BYTES + 1);
      }
      if (bytes.length > MAX_MANIFEST_BYTES) {
        return;
      }
      JsonNode deployment = YAML.readTree(bytes).path("deployment");
      if (deployment.path("name").isTextual()) {
        name = Optional.of(deployment.path("name").asText());
      }
      baseUrl =
          baseUrl(
              deployment.path("daemonBaseUrl").isTextual()
                  ? deployment.path("daemonBaseUrl").asText()
                  : null);
    } catch (IOException | RuntimeException e) {
      // links are a convenience: without them notifications still go out
    }
  }

  /** The latest deployment name known. */
  public Optional<String> name() {
    return name;
  }

  /** The daemon's base URL without a trailing slash, when the descriptor gives a valid one. */
  public Optional<String> baseUrl() {
    return baseUrl;
  }

  /** Links to the status of {@code commit} (or of the host) and to the dashboard. */
  public Optional<Notification.Links> links(Optional<String> commit) {
    return baseUrl.map(
        base ->
            new Notification.Links(
                base + "/status" + commit.map(c -> "?head_hash=" + c).orElse(""), base + "/"));
  }

  private static Optional<String> baseUrl(Object value) {
    Object url = value instanceof Map<?, ?> map ? map.get("daemonBaseUrl") : value;
    if (!(url instanceof String text)) {
      return Optional.empty();
    }
    String base = text.strip().replaceAll("/+$", "");
    try {
      URI uri = new URI(base);
      boolean http = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
      return http && uri.getHost() != null && uri.getRawQuery() == null
          ? Optional.of(base)
          : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
