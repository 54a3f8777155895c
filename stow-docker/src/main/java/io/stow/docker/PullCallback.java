package io.stow.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Forwards Docker's pull stream as {@link PullProgress} events and remembers the error Docker
 * reports inside the stream (a missing digest arrives that way, not as an HTTP status).
 */
final class PullCallback extends ResultCallback.Adapter<PullResponseItem> {

  private final String image;
  private final Consumer<PullProgress> progress;
  private volatile String streamError;

  PullCallback(String image, Consumer<PullProgress> progress) {
    this.image = image;
    this.progress = progress;
  }

  @Override
  public void onNext(PullResponseItem item) {
    if (item.isErrorIndicated()) {
      ResponseItem.ErrorDetail detail = item.getErrorDetail();
      streamError =
          detail != null && detail.getMessage() != null ? detail.getMessage() : item.getError();
      return;
    }
    if (item.getStatus() == null) {
      return;
    }
    ResponseItem.ProgressDetail detail = item.getProgressDetail();
    long current = detail == null || detail.getCurrent() == null ? 0 : detail.getCurrent();
    long total = detail == null || detail.getTotal() == null ? 0 : detail.getTotal();
    progress.accept(
        new PullProgress(
            image, item.getStatus(), Optional.ofNullable(item.getId()), current, total));
  }

  /** The error Docker put in the stream, if any. */
  Optional<String> streamError() {
    return Optional.ofNullable(streamError);
  }
}
