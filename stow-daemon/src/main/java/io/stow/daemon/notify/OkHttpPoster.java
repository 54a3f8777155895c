package io.stow.daemon.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * {@link HttpPoster} over OkHttp: a connect timeout and one deadline for the whole request, no
 * redirects (a POST must reach the configured URL, and a redirect could carry the token elsewhere),
 * no silent retries. Credentials in the URL ({@code https://user:password@host/...}) become an
 * {@code Authorization: Basic} header and leave the URL.
 */
public final class OkHttpPoster implements HttpPoster, AutoCloseable {

  private static final int MAX_BODY = 2048;

  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final String userAgent;
  private OkHttpClient http;
  private boolean closed;

  /**
   * A poster whose HTTP client (its threads, its pool and the runtime's CA store) is made by the
   * first post: a daemon without notification targets never pays for it.
   */
  public OkHttpPoster(Duration connectTimeout, Duration requestTimeout, String userAgent) {
    this.connectTimeout = connectTimeout;
    this.requestTimeout = requestTimeout;
    this.userAgent = userAgent;
  }

  private synchronized OkHttpClient http() {
    if (closed) {
      throw new IllegalStateException("the notification client is closed");
    }
    if (http == null) {
      http =
          new OkHttpClient.Builder()
              .connectTimeout(connectTimeout)
              .readTimeout(requestTimeout)
              .writeTimeout(requestTimeout)
              .callTimeout(requestTimeout)
              .followRedirects(false)
              .followSslRedirects(false)
              .retryOnConnectionFailure(false)
              .build();
    }
    return http;
  }

  @Override
  public Answer post(Payload payload) throws IOException {
    HttpUrl url = HttpUrl.parse(payload.url());
    if (url == null) {
      throw new IllegalArgumentException("the URL is not an http(s) URL");
    }
    Request.Builder request = new Request.Builder().header("User-Agent", userAgent);
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      request.header(
          "Authorization",
          Credentials.basic(url.username(), url.password(), StandardCharsets.UTF_8));
      url = url.newBuilder().username("").password("").build();
    }
    payload.headers().forEach(request::header);
    request.url(url).post(RequestBody.create(payload.body(), MediaType.get(payload.contentType())));
    try (Response response = http().newCall(request.build()).execute()) {
      return new Answer(
          response.code(), Optional.ofNullable(response.header("Retry-After")), body(response));
    }
  }

  private static String body(Response response) {
    ResponseBody body = response.body();
    if (body == null) {
      return "";
    }
    try (InputStream in = body.byteStream()) {
      return new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** Ends idle connections and the client's threads. */
  @Override
  public synchronized void close() {
    closed = true;
    if (http != null) {
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
  }
}
