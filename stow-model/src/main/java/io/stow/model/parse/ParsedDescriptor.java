package io.stow.model.parse;

import io.stow.model.Descriptor;
import java.util.List;
import java.util.Objects;

/**
 * A valid descriptor and the warnings found while reading it: keys the original tool ignores (each
 * with its {@code file:line:col} and, when there is one, the key it was probably meant to be), and
 * values that only the host can confirm, such as a log driver plugin.
 */
public record ParsedDescriptor(Descriptor descriptor, List<Problem> warnings) {

  public ParsedDescriptor {
    Objects.requireNonNull(descriptor, "descriptor");
    warnings = List.copyOf(warnings);
  }
}
