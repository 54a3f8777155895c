package io.stow.cli.trigger;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * The base URL of a stow daemon, as {@code deployment.daemonBaseUrl} writes it ({@code
 * https://deploy-host.example.com:17403/}): HTTP or HTTPS, a host, no user information, query or
 * fragment. Kept without a trailing slash so that endpoints append to it.
 *
 * @param base the URL without a trailing slash
 */
public record DaemonEndpoint(URI base) {

  public DaemonEndpoint {
    Objects.requireNonNull(base, "base");
    if (base.toString().endsWith("/")) {
      throw new IllegalArgumentException("base must not end with '/': " + base);
    }
  }

  /**
   * Parses a daemon URL.
   *
   * @throws IllegalArgumentException saying what is wrong and what a good URL looks like
   */
  public static DaemonEndpoint parse(String text) {
    String url = text == null ? "" : text.strip();
    while (url.endsWith("/")) {
      url = url.substring(0, url.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw invalid(text, "it is not a URL");
    }
    if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
      throw invalid(text, "it must start with https:// (or http:// for a daemon on loopback)");
    }
    if (uri.getHost() == null) {
      throw invalid(text, "it names no host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw invalid(text, "it must not carry a user, a query or a fragment");
    }
    return new DaemonEndpoint(uri);
  }

  /** {@code <base>/<path>}. */
  URI resolve(String path) {
    return URI.create(base + "/" + path);
  }

  @Override
  public String toString() {
    return base.toString();
  }

  private static IllegalArgumentException invalid(String text, String why) {
    return new IllegalArgumentException(
        "'"
            + text
            + "' is not a daemon URL: "
            + why
            + "; write the daemon's base URL, e.g. https://deploy-host.example.com:17403/");
  }
}
