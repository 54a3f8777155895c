package io.stow.gitlab;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * Follows GitLab's pagination: the {@code Link} header's {@code rel="next"}, else {@code
 * x-next-page}. A next link that leaves the API's scheme, host or port is refused, so the token is
 * never sent elsewhere.
 */
final class Pages {

  private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  private final Transport transport;
  private final HttpUrl apiBase;
  private final int maxPages;

  Pages(Transport transport, HttpUrl apiBase, int maxPages) {
    this.transport = transport;
    this.apiBase = apiBase;
    this.maxPages = maxPages;
  }

  void each(Transport.Call first, Consumer<JsonNode> item) {
    Transport.Call call = first;
    for (int page = 1; page <= maxPages; page++) {
      Transport.Call current = call;
      Optional<HttpUrl> next =
          transport.send(
              current,
              true,
              response -> {
                JsonNode json = Json.read(response);
                if (!json.isArray()) {
                  throw new Json.UnexpectedResponse("expected a JSON array");
                }
                json.forEach(item);
                return next(current.url(), response.header("Link"), response.header("X-Next-Page"));
              });
      if (next.isEmpty()) {
        return;
      }
      HttpUrl url = next.get();
      if (!url.scheme().equals(apiBase.scheme())
          || !url.host().equals(apiBase.host())
          || url.port() != apiBase.port()) {
        throw new GitLabException(
            first.method(),
            first.display(),
            0,
            "the next page is on another server ("
                + url.host()
                + "); refusing to send the token there",
            null);
      }
      String page2 = url.queryParameter("page");
      call =
          new Transport.Call(
              first.method(),
              url,
              first.display() + (page2 == null ? "" : " (page " + page2 + ")"),
              null);
    }
    throw new GitLabException(
        first.method(),
        first.display(),
        0,
        "more than " + maxPages + " pages; refusing to go on",
        null);
  }

  private static Optional<HttpUrl> next(HttpUrl current, String link, String nextPage) {
    if (link != null) {
      Matcher m = NEXT.matcher(link);
      while (m.find()) {
        HttpUrl url = HttpUrl.parse(m.group(1));
        if (url != null) {
          return Optional.of(url);
        }
      }
    }
    if (nextPage != null && !nextPage.isBlank()) {
      return Optional.of(current.newBuilder().setQueryParameter("page", nextPage.strip()).build());
    }
    return Optional.empty();
  }
}
