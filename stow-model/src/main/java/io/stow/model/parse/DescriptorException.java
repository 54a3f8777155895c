package io.stow.model.parse;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** A descriptor is invalid. Carries every problem found, each with its location. */
public class DescriptorException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public DescriptorException(List<Problem> problems) {
    this(sorted(problems), true);
  }

  private DescriptorException(List<Problem> sorted, boolean unused) {
    super(render(sorted));
    this.problems = sorted;
  }

  /** Every problem, in document order. */
  public List<Problem> problems() {
    return problems;
  }

  static List<Problem> sorted(List<Problem> problems) {
    return problems.stream()
        .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
        .toList();
  }

  private static String render(List<Problem> problems) {
    return problems.size() == 1
        ? problems.get(0).toString()
        : problems.size()
            + " problems:\n"
            + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }
}
