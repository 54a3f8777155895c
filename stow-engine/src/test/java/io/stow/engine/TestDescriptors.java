package io.stow.engine;

import io.stow.model.ContainerSpec;
import io.stow.model.DeploymentSettings;
import io.stow.model.Descriptor;
import io.stow.model.ImageRef;
import io.stow.model.NetworkSpec;
import io.stow.model.VerifySettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Descriptors built in code. */
public final class TestDescriptors {

  public static final ImageRef WEB_V1 =
      ImageRef.parse("registry.example:5000/apps/web:1.0@sha256:" + "a".repeat(64));
  public static final ImageRef WEB_V2 =
      ImageRef.parse("registry.example:5000/apps/web:2.0@sha256:" + "b".repeat(64));
  public static final ImageRef DB_V1 =
      ImageRef.parse("registry.example:5000/apps/db:1.0@sha256:" + "c".repeat(64));

  /** Short windows so the fake clock runs few polls: timeout 60 s, stable 20 s (the defaults). */
  public static final VerifySettings VERIFY = VerifySettings.DEFAULT;

  private TestDescriptors() {}

  public static Descriptor descriptor(String name, ContainerSpec... containers) {
    return descriptor(name, VERIFY, List.of(), containers);
  }

  public static Descriptor descriptor(
      String name, VerifySettings verify, List<String> networks, ContainerSpec... containers) {
    return new Descriptor(
        new DeploymentSettings(name, Optional.empty(), verify),
        networks.stream().map(NetworkSpec::new).toList(),
        List.of(containers));
  }

  public static ContainerSpec container(String name, ImageRef image) {
    return ContainerSpec.builder(name, image).build();
  }

  public static VerifySettings verify(int timeoutSeconds, int stableSeconds) {
    return new VerifySettings(
        Duration.ofSeconds(timeoutSeconds), Duration.ofSeconds(stableSeconds));
  }

  /** A container of {@code image} that declares a stop timeout of {@code stopSeconds}. */
  public static ContainerSpec stoppingWithin(String name, ImageRef image, int stopSeconds) {
    return ContainerSpec.builder(name, image).stopTimeout(Duration.ofSeconds(stopSeconds)).build();
  }
}
