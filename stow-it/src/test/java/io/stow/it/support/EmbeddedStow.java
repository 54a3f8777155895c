package io.stow.it.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.stow.docker.DockerHost;
import io.stow.engine.ReconcileContext;
import io.stow.engine.ReconcileEvent;
import io.stow.engine.ReconcileException;
import io.stow.engine.ReconcileReport;
import io.stow.engine.ReconcileRequest;
import io.stow.engine.Reconciler;
import io.stow.engine.source.LocalDirectorySource;
import io.stow.sops.SecretDecryptor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The engine embedded as a library user would: a {@link Reconciler} over the test's labelling
 * {@link TestDocker#host()} and a temporary state root, recording every event it emits.
 */
public final class EmbeddedStow {

  private final Path stateRoot;
  private final Reconciler reconciler;
  private final List<ReconcileEvent> events = new CopyOnWriteArrayList<>();

  private EmbeddedStow(DockerHost docker, Path stateRoot, SecretDecryptor decryptor) {
    this.stateRoot = stateRoot;
    ReconcileContext.Builder builder =
        ReconcileContext.builder()
            .docker(docker)
            .stateRoot(stateRoot)
            .events(events::add)
            .verifyPollInterval(Duration.ofMillis(250))
            .defaultStopTimeout(Duration.ofSeconds(1));
    if (decryptor != null) {
      builder.secretDecryptor(decryptor);
    }
    this.reconciler = new Reconciler(builder.build());
  }

  public static EmbeddedStow on(TestDocker docker, Path stateRoot) {
    return new EmbeddedStow(docker.host(), stateRoot, null);
  }

  /** The engine over {@code docker}, for a test that decorates {@link TestDocker#host()}. */
  public static EmbeddedStow on(DockerHost docker, Path stateRoot) {
    return new EmbeddedStow(docker, stateRoot, null);
  }

  public static EmbeddedStow withDecryptor(
      TestDocker docker, Path stateRoot, SecretDecryptor decryptor) {
    return new EmbeddedStow(docker.host(), stateRoot, decryptor);
  }

  public Path stateRoot() {
    return stateRoot;
  }

  /** Reconciles to {@code dir}; fails the test (with the report) unless the run succeeds. */
  public ReconcileReport reconcile(Path dir) {
    try {
      ReconcileReport report =
          reconciler.reconcile(ReconcileRequest.reconcile(new LocalDirectorySource(dir)));
      assertThat(report.status().succeeded()).as("status of %s", report).isTrue();
      return report;
    } catch (ReconcileException e) {
      throw new AssertionError(
          "reconcile of " + dir + " failed (" + e.status() + "): " + e.getMessage(), e);
    }
  }

  /** Reconciles to {@code dir} expecting a failure, which is returned. */
  public ReconcileException reconcileFailing(Path dir) {
    ReconcileException e =
        catchThrowableOfType(
            () -> reconciler.reconcile(ReconcileRequest.reconcile(new LocalDirectorySource(dir))),
            ReconcileException.class);
    assertThat(e).as("the reconcile of %s must fail", dir).isNotNull();
    return e;
  }

  /** A dry run of {@code dir}. */
  public ReconcileReport dryRun(Path dir) {
    return reconciler.reconcile(ReconcileRequest.dryRun(new LocalDirectorySource(dir)));
  }

  /** Every event emitted so far, oldest first. */
  public List<ReconcileEvent> events() {
    return List.copyOf(events);
  }

  public void clearEvents() {
    events.clear();
  }

  /** Events of one type. */
  public <T extends ReconcileEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
