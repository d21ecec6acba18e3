package io.fruits.pipeline.pca;

/**
 * How many principal components a {@link PcaModel} projects onto: a fixed count, or the fewest
 * whose cumulative explained variance reaches a fraction.
 */
public sealed interface ComponentSelection
    permits ComponentSelection.Count, ComponentSelection.Variance {

  /**
   * Exactly {@code k} components. A k above the number of samples − 1 is allowed here (the
   * trailing components then carry no variance); callers that want to refuse it check separately.
   *
   * @throws IllegalArgumentException if k &lt; 1
   */
  static ComponentSelection count(int k) {
    return new Count(k);
  }

  /**
   * The smallest k whose cumulative explained variance is at least {@code fraction}.
   *
   * @throws IllegalArgumentException if fraction is not in (0, 1]
   */
  static ComponentSelection variance(double fraction) {
    return new Variance(fraction);
  }

  /**
   * Chooses k from the explained variance ratios, sorted descending.
   *
   * @throws IllegalArgumentException if a count exceeds the dimension
   */
  int choose(double[] explainedVarianceRatio);

  /** A fixed number of components. */
  record Count(int k) implements ComponentSelection {

    public Count {
      if (k < 1) {
        throw new IllegalArgumentException("the number of components must be at least 1, got " + k);
      }
    }

    @Override
    public int choose(double[] explainedVarianceRatio) {
      if (k > explainedVarianceRatio.length) {
        throw new IllegalArgumentException("cannot keep " + k + " components of "
            + explainedVarianceRatio.length + "-dimensional data");
      }
      return k;
    }
  }

  /** The fewest components explaining at least {@code fraction} of the variance. */
  record Variance(double fraction) implements ComponentSelection {

    /** Absorbs rounding in the ratios, so that a fraction of 1 stops at the numerical rank. */
    static final double SLACK = 1e-12;

    public Variance {
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException(
            "the explained variance fraction must be in (0, 1], got " + fraction);
      }
    }

    /** The smallest k with ratio[0] + … + ratio[k−1] ≥ fraction − 1e-12, else all of them. */
    @Override
    public int choose(double[] explainedVarianceRatio) {
      if (explainedVarianceRatio.length == 0) {
        throw new IllegalArgumentException("no explained variance ratios to choose from");
      }
      double cumulative = 0;
      for (int i = 0; i < explainedVarianceRatio.length; i++) {
        cumulative += explainedVarianceRatio[i];
        if (cumulative >= fraction - SLACK) {
          return i + 1;
        }
      }
      return explainedVarianceRatio.length;
    }
  }
}
