package io.stow.engine;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image a reconcile built (or found built) from the deployment folder for one container.
 *
 * @param tag {@code stow/<project>-<service>:<build tag>}
 * @param built false when an image with this tag was there already: nothing in its build changed
 * @param output the build's last lines, values from the deployment's {@code .env} masked
 * @param error why the build failed; empty when it succeeded
 */
public record BuildReport(
    String container, String tag, boolean built, List<String> output, Optional<String> error) {

  public BuildReport {
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(tag, "tag");
    output = List.copyOf(output);
    Objects.requireNonNull(error, "error");
  }
}
