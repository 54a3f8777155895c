package io.stow.it.support;

import io.stow.model.ImageRef;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/**
 * The two pinned test images that {@code .ci/test-env.sh} pushed to the local registry, read from
 * {@code $STOW_TEST_ENV_DIR/images.properties} (default {@code /tmp/stow-test-env}). Tests deploy
 * them by {@code repo:tag@sha256:digest}, as users do. Loading checks that the registry answers and
 * holds both digests, and fails (never skips) with what to run when it does not.
 */
public final class TestImages {

  /** Where the script writes its state; overridable as the script's is. */
  public static final Path ENV_DIR =
      Path.of(
          System.getProperty(
              "stow.test.env.dir",
              System.getenv().getOrDefault("STOW_TEST_ENV_DIR", "/tmp/stow-test-env")));

  static final String RUN_SCRIPT = "run `bash .ci/test-env.sh` (as root) from the repository root";

  private static TestImages loaded;

  private final String registry;
  private final ImageRef first;
  private final ImageRef second;

  private TestImages(String registry, ImageRef first, ImageRef second) {
    this.registry = registry;
    this.first = first;
    this.second = second;
  }

  /** Loads and checks the references once per test JVM. */
  public static synchronized TestImages get() {
    if (loaded == null) {
      TestImages images = load(ENV_DIR.resolve("images.properties"));
      images.checkRegistry(); // kept only once it passed, so every test reports a failure
      loaded = images;
    }
    return loaded;
  }

  /** {@code 127.0.0.1:5000/stow-test/busybox:1@sha256:...}: busybox with sh, httpd, wget. */
  public ImageRef first() {
    return first;
  }

  /** The same rootfs with a different marker file, so tag 2 has another digest. */
  public ImageRef second() {
    return second;
  }

  /** {@code host:port} of the local registry. */
  public String registry() {
    return registry;
  }

  /** A reference to a digest the registry does not hold, in the test images' repository. */
  public ImageRef missing() {
    return new ImageRef(first.repository(), "missing", "sha256:" + "0".repeat(64));
  }

  private static TestImages load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new AssertionError(
          "no test image references at " + file + "; " + RUN_SCRIPT + " before the tests");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + file + ": " + e.getMessage(), e);
    }
    return new TestImages(
        required(properties, file, "registry"),
        ImageRef.parse(required(properties, file, "image.1")),
        ImageRef.parse(required(properties, file, "image.2")));
  }

  private static String required(Properties properties, Path file, String key) {
    String value = properties.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new AssertionError(file + " has no " + key + "; " + RUN_SCRIPT + " again");
    }
    return value.strip();
  }

  private void checkRegistry() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    int status = status(http, "http://" + registry + "/v2/", "GET");
    if (status != 200) {
      throw new AssertionError(
          "the local registry http://" + registry + "/v2/ answered " + status + "; " + RUN_SCRIPT);
    }
    for (ImageRef image : new ImageRef[] {first, second}) {
      String path = image.repository().substring(registry.length() + 1);
      int manifest =
          status(
              http, "http://" + registry + "/v2/" + path + "/manifests/" + image.digest(), "HEAD");
      if (manifest != 200) {
        throw new AssertionError(
            "the local registry does not hold "
                + image
                + " (HTTP "
                + manifest
                + "); "
                + RUN_SCRIPT);
      }
    }
  }

  private static int status(HttpClient http, String url, String method) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(5))
            .header(
                "Accept",
                "application/vnd.docker.distribution.manifest.v2+json,"
                    + " application/vnd.oci.image.manifest.v1+json")
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException e) {
      throw new AssertionError(
          "the local registry does not answer at " + url + " (" + e + "); " + RUN_SCRIPT, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while checking the registry", e);
    }
  }
}
