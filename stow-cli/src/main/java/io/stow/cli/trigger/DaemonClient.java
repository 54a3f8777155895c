package io.stow.cli.trigger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stow.gitlab.UntrustedCertificateException;
import io.stow.model.config.Secret;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A client of one stow daemon: {@code POST /trigger} with bounded retries (exponential backoff with
 * full jitter on connection errors, 429 and 5xx, honouring {@code Retry-After}), and {@code GET
 * /status}. Failures become {@link TriggerException}s that name the request, the answer and the
 * fix; a refused certificate is named by subject and issuer.
 */
public final class DaemonClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final OkHttpClient http;
  private final DaemonEndpoint endpoint;
  private final Optional<Secret> token;
  private final CertificateTrust trust;
  private final Backoff backoff;
  private final Timing timing;
  private final Consumer<String> notes;
  private final String userAgent;

  /**
   * @param token sent as {@code Authorization: Bearer} when present
   * @param notes hears about every retry, one line each
   */
  public DaemonClient(
      DaemonEndpoint endpoint,
      Optional<Secret> token,
      CertificateTrust trust,
      Backoff backoff,
      Timing timing,
      Consumer<String> notes,
      String userAgent) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.token = Objects.requireNonNull(token, "token");
    this.trust = Objects.requireNonNull(trust, "trust");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
    this.timing = Objects.requireNonNull(timing, "timing");
    this.notes = Objects.requireNonNull(notes, "notes");
    this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
    this.http =
        new OkHttpClient.Builder()
            .sslSocketFactory(trust.socketFactory(), trust.trustManager())
            // every retry is ours, counted and spaced out
            .retryOnConnectionFailure(false)
            .followRedirects(false)
            .followSslRedirects(false)
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(30))
            .callTimeout(Duration.ofSeconds(60))
            .build();
  }

  /**
   * Asks the daemon to reconcile the head of its branch, correlated with {@code head}.
   *
   * @return the daemon's HTTP status (2xx, normally 202)
   * @throws TriggerException when the daemon refuses, or after the last attempt
   */
  public int trigger(HeadHash head) {
    HttpUrl url = url("trigger", head);
    Request request = authorized(url).post(RequestBody.create(new byte[0], null)).build();
    for (int attempt = 1; ; attempt++) {
      TriggerException failure;
      Optional<Duration> asked = Optional.empty();
      try (Response response = send(request)) {
        if (response.isSuccessful()) {
          return response.code();
        }
        failure = refusal(request, response);
        asked = Answers.retryAfter(response, timing.clock());
      } catch (TriggerException e) {
        failure = e;
      }
      if (!failure.transientFailure()) {
        throw failure;
      }
      if (attempt >= backoff.attempts()) {
        throw new TriggerException(
            failure.getMessage() + " (gave up after " + attempt + " attempt(s))",
            true,
            failure.getCause());
      }
      Duration wait =
          asked.isPresent()
              ? backoff.asked(asked.get())
              : backoff.delay(attempt, timing.jitter().getAsDouble());
      notes.accept(
          failure.getMessage()
              + "; retrying in "
              + wait.toMillis()
              + " ms (attempt "
              + (attempt + 1)
              + " of "
              + backoff.attempts()
              + ")");
      pause(wait);
    }
  }

  /**
   * What the daemon says about {@code head}, asked once.
   *
   * @throws TriggerException when there is no answer or it is not a status
   */
  public DaemonStatus status(HeadHash head) {
    Request request = authorized(url("status", head)).get().build();
    try (Response response = send(request)) {
      if (!response.isSuccessful()) {
        throw refusal(request, response);
      }
      String body = Answers.body(response);
      try {
        JsonNode json = JSON.readTree(body);
        return DaemonStatus.of(json, head);
      } catch (IOException | IllegalArgumentException e) {
        throw new TriggerException(
            describe(request)
                + " answered "
                + response.code()
                + " with something that is not a stow status ("
                + e.getMessage().lines().findFirst().orElse("")
                + "); is "
                + endpoint
                + " a stow daemon?",
            false);
      }
    }
  }

  /** Waits, as the retries and polls of this client do. */
  void pause(Duration wait) {
    try {
      timing.sleeper().sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TriggerException("interrupted while waiting", false, e);
    }
  }

  private HttpUrl url(String path, HeadHash head) {
    HttpUrl base = HttpUrl.get(endpoint.resolve(path));
    return base.newBuilder().addQueryParameter("head_hash", head.hex()).build();
  }

  private Request.Builder authorized(HttpUrl url) {
    Request.Builder builder =
        new Request.Builder()
            .url(url)
            .header("User-Agent", userAgent)
            .header("Accept", "application/json");
    token.ifPresent(t -> builder.header("Authorization", "Bearer " + t.reveal()));
    return builder;
  }

  private Response send(Request request) {
    try {
      return http.newCall(request).execute();
    } catch (SSLPeerUnverifiedException e) {
      throw new TriggerException(
          describe(request)
              + ": TLS: the daemon's certificate does not name the host "
              + request.url().host()
              + " ("
              + e.getMessage().replace('\n', ' ')
              + "); use a URL whose host is one of the certificate's names",
          false,
          e);
    } catch (SSLException e) {
      throw tlsFailure(request, e);
    } catch (ConnectException e) {
      throw new TriggerException(
          describe(request) + ": cannot connect: " + e.getMessage(), true, e);
    } catch (UnknownHostException e) {
      throw new TriggerException(
          describe(request) + ": unknown host " + request.url().host(), true, e);
    } catch (InterruptedIOException e) {
      throw new TriggerException(describe(request) + ": timed out", true, e);
    } catch (IOException e) {
      throw new TriggerException(describe(request) + ": " + e, true, e);
    }
  }

  private TriggerException tlsFailure(Request request, SSLException e) {
    Optional<UntrustedCertificateException> refused = UntrustedCertificateException.in(e);
    if (refused.isPresent()) {
      // the message names the certificate (subject, issuer) and the CAs it was checked against
      return new TriggerException(
          describe(request) + ": TLS: " + refused.get().getMessage() + "; " + trust.advice(),
          false,
          e);
    }
    return new TriggerException(
        describe(request)
            + ": TLS handshake failed: "
            + e.getMessage()
            + "; check that "
            + endpoint
            + " serves HTTPS (http:// for a daemon without tlsCrt)",
        false,
        e);
  }

  private TriggerException refusal(Request request, Response response) {
    int code = response.code();
    String excerpt = Answers.errorText(response, token);
    String message =
        describe(request) + " answered " + code + (excerpt.isEmpty() ? "" : ": " + excerpt);
    if (code == 401 || code == 403) {
      message +=
          token.isPresent()
              ? "; the daemon refused the token of --token-file: it must be the daemon's"
                  + " triggerToken"
              : "; the daemon wants its trigger token: pass --token-file F holding its triggerToken";
    } else if (code == 404) {
      message += "; is " + endpoint + " the daemon's base URL (deployment.daemonBaseUrl)?";
    }
    return new TriggerException(message, code == 429 || code >= 500);
  }

  private static String describe(Request request) {
    return request.method() + " " + request.url();
  }
}
