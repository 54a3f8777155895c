package io.stow.daemon.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounds of the HTTP server. The defaults suit a daemon that answers CI triggers, GitLab webhooks
 * and badge requests: a few threads, small bodies, short timeouts.
 *
 * @param ioThreads threads that accept connections, run TLS and answer status and badge requests
 * @param workerThreads threads for requests that may block (triggers)
 * @param bufferBytes size of each pooled I/O buffer
 * @param maxBodyBytes the largest request body (a push webhook); more gets 413, before it is read
 * @param maxHeaders the most request headers; more gets the connection closed
 * @param maxHeaderBytes the largest request header block
 * @param maxParameters the most query parameters
 * @param maxConnections connections beyond this wait until others close
 * @param requestTimeout how long a client may take to send a request's headers
 * @param idleTimeout how long an idle keep-alive connection stays open
 * @param resolveWait how long a status or badge request waits for its commit to be resolved before
 *     it answers {@code unknown}
 */
public record HttpLimits(
    int ioThreads,
    int workerThreads,
    int bufferBytes,
    long maxBodyBytes,
    int maxHeaders,
    int maxHeaderBytes,
    int maxParameters,
    int maxConnections,
    Duration requestTimeout,
    Duration idleTimeout,
    Duration resolveWait) {

  public HttpLimits {
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    Objects.requireNonNull(resolveWait, "resolveWait");
    if (ioThreads < 1 || workerThreads < 1 || bufferBytes < 1024 || maxBodyBytes < 1) {
      throw new IllegalArgumentException(
          "threads must be at least 1, buffers at least 1 KiB, bodies at least 1 byte");
    }
    if (maxHeaders < 8 || maxHeaderBytes < 1024 || maxParameters < 1 || maxConnections < 1) {
      throw new IllegalArgumentException(
          "at least 8 headers, 1 KiB of headers, one parameter and one connection");
    }
  }

  /**
   * Two I/O threads, four workers, 16 KiB buffers, 1 MiB bodies, 40 headers. A push webhook lists
   * the pushed commits and their files (GitHub up to 2,048 commits): 1 MiB holds a large merge.
   */
  public static HttpLimits defaults() {
    return new HttpLimits(
        2,
        4,
        16 * 1024,
        1024 * 1024,
        40,
        16 * 1024,
        8,
        512,
        Duration.ofSeconds(10),
        Duration.ofSeconds(60),
        Duration.ofSeconds(20));
  }

  public HttpLimits withMaxBodyBytes(long value) {
    return new HttpLimits(
        ioThreads,
        workerThreads,
        bufferBytes,
        value,
        maxHeaders,
        maxHeaderBytes,
        maxParameters,
        maxConnections,
        requestTimeout,
        idleTimeout,
        resolveWait);
  }

  public HttpLimits withResolveWait(Duration value) {
    return new HttpLimits(
        ioThreads,
        workerThreads,
        bufferBytes,
        maxBodyBytes,
        maxHeaders,
        maxHeaderBytes,
        maxParameters,
        maxConnections,
        requestTimeout,
        idleTimeout,
        value);
  }
}
