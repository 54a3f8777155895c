package io.stow.model;

import java.util.Objects;

/** A user-defined bridge network that stow creates and labels for the deployment. */
public record NetworkSpec(String name) {

  public NetworkSpec {
    Objects.requireNonNull(name, "name");
  }
}
