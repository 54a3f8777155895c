package io.stow.sops;

import java.util.regex.Pattern;

/**
 * Runs a regular expression from a SOPS file's metadata ({@code encrypted_regex} and friends, which
 * sops takes from the file) against a key name or comment with a bound on the work: Java's regex
 * engine backtracks, and a file could carry a pattern that takes exponential time. Past the bound
 * the file is refused instead of hanging the reconcile.
 */
final class BoundedMatch {

  /** Characters the engine may read per match: generous for key names, fatal for a ReDoS. */
  static final long MAX_READS = 1_000_000;

  private BoundedMatch() {}

  /** Whether {@code pattern} finds a match in {@code text}, within the bound. */
  static boolean find(Pattern pattern, String text, String field) {
    try {
      return pattern.matcher(new Budgeted(text, MAX_READS)).find();
    } catch (BudgetExceeded e) {
      throw new StoreException(
          "the sops metadata field '"
              + field
              + "' takes too long to evaluate (a pathological regex); fix it and re-encrypt");
    }
  }

  /** A char sequence that counts reads and stops the matcher once the budget is spent. */
  private static final class Budgeted implements CharSequence {
    private final CharSequence text;
    private final long[] budget;

    Budgeted(CharSequence text, long reads) {
      this(text, new long[] {reads});
    }

    private Budgeted(CharSequence text, long[] budget) {
      this.text = text;
      this.budget = budget;
    }

    @Override
    public char charAt(int index) {
      if (--budget[0] < 0) {
        throw new BudgetExceeded();
      }
      return text.charAt(index);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new Budgeted(text.subSequence(start, end), budget);
    }

    @Override
    public String toString() {
      return text.toString();
    }
  }

  private static final class BudgetExceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceeded() {
      super(null, null, false, false);
    }
  }
}
