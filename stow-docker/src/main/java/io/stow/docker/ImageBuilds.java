package io.stow.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Builds an image through the Docker API: the context goes to Docker as a tar written on the fly
 * (no copy on disk: a context may hold decrypted files), the build's output is passed on line by
 * line, and a failed build is an error with Docker's message and the last lines before it.
 */
final class ImageBuilds {

  private static final int KEPT_LINES = 20;

  private final DockerClient client;
  private final DockerErrors errors;

  ImageBuilds(DockerClient client, DockerErrors errors) {
    this.client = client;
    this.errors = errors;
  }

  String build(ImageBuild build, Consumer<String> output) {
    Output callback = new Output(output);
    AtomicReference<IOException> tarFailure = new AtomicReference<>();
    try (PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream out = new PipedOutputStream(in)) {
      Thread writer =
          new Thread(
              () -> {
                try (out) {
                  BuildContextTar.write(build.context(), build.dockerfile(), out);
                } catch (IOException e) {
                  tarFailure.set(e); // a build that stopped reading closes the pipe too
                }
              },
              "stow-build-context");
      writer.setDaemon(true);
      writer.start();
      BuildImageCmd cmd =
          client
              .buildImageCmd()
              .withTarInputStream(in)
              .withDockerfilePath(build.dockerfile())
              .withTags(Set.of(build.tag()))
              .withLabels(build.labels())
              .withPull(false)
              .withRemove(true)
              .withForcerm(true);
      build.args().forEach(cmd::withBuildArg);
      build.target().ifPresent(cmd::withTarget);
      build.platform().ifPresent(cmd::withPlatform);
      cmd.exec(callback).awaitCompletion();
      writer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DockerOperationException("build", build.tag(), "interrupted", e);
    } catch (IOException e) {
      throw new DockerOperationException(
          "build", build.tag(), "could not send the build context: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw errors.translate("build", build.tag(), e, callback.hint());
    }
    if (callback.error != null) {
      throw new DockerOperationException(
          "build", build.tag(), callback.error + "; " + callback.hint());
    }
    if (tarFailure.get() != null) {
      throw new DockerOperationException(
          "build",
          build.tag(),
          "could not send the build context: " + tarFailure.get().getMessage(),
          tarFailure.get());
    }
    try {
      return client.inspectImageCmd(build.tag()).exec().getId();
    } catch (NotFoundException e) {
      throw new DockerOperationException(
          "build",
          build.tag(),
          "Docker reported success but the image is not there; " + callback.hint());
    } catch (RuntimeException e) {
      throw errors.translate("build", build.tag(), e);
    }
  }

  /** Passes the build's output on and keeps its error and last lines. */
  private static final class Output extends ResultCallback.Adapter<BuildResponseItem> {
    private final Consumer<String> output;
    private final Deque<String> last = new ArrayDeque<>();
    private volatile String error;

    Output(Consumer<String> output) {
      this.output = output;
    }

    @Override
    public void onNext(BuildResponseItem item) {
      if (item.isErrorIndicated()) {
        error =
            item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                ? item.getErrorDetail().getMessage()
                : item.getError();
        line(error == null ? "build failed" : error);
        return;
      }
      if (item.getStream() != null) {
        for (String line : item.getStream().split("\r?\n")) {
          if (!line.isBlank()) {
            line(line.stripTrailing());
          }
        }
      }
    }

    private synchronized void line(String text) {
      last.addLast(text);
      if (last.size() > KEPT_LINES) {
        last.removeFirst();
      }
      try {
        output.accept(text);
      } catch (RuntimeException e) {
        // a broken listener must not break the build
      }
    }

    synchronized String hint() {
      return "the build's last lines: " + String.join(" | ", last);
    }
  }
}
