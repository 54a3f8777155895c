package io.stow.model.parse;

import java.util.ArrayList;
import java.util.List;

/** The errors and warnings found while reading one descriptor. */
final class Findings {

  final String file;
  final List<Problem> errors = new ArrayList<>();
  final List<Problem> warnings = new ArrayList<>();

  Findings(String file) {
    this.file = file;
  }
}
