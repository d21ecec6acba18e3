package io.fruits.pipeline.cli;

import io.fruits.pipeline.conf.InvalidConfigException;
import io.fruits.pipeline.pca.ComponentSelection;
import io.fruits.pipeline.pca.CovarianceSums;
import io.fruits.pipeline.pca.PcaKeys;
import io.fruits.pipeline.pca.PcaModel;

/** Where a run's PCA comes from: fitted on its covariance sums, or a saved model reused. */
sealed interface PcaChoice permits PcaChoice.Fit, PcaChoice.Reuse {

  /** The PCA to project with, given the sums of every image of the output. */
  PcaModel pca(CovarianceSums sums, String modelId, String rejectedNote);

  /** True when a saved model is reused. */
  boolean reused();

  /** Fit a PCA keeping the components {@code selection} chooses. */
  record Fit(ComponentSelection selection) implements PcaChoice {

    @Override
    public PcaModel pca(CovarianceSums sums, String modelId, String rejectedNote) {
      if (sums.count() < 2) {
        throw new InvalidConfigException("PCA needs at least 2 embedded images, got "
            + sums.count() + rejectedNote);
      }
      checkCount(selection, sums.count(), "the number of embedded images");
      return PcaModel.fit(sums, selection, modelId);
    }

    @Override
    public boolean reused() {
      return false;
    }
  }

  /** Project with {@code model}, fitted by an earlier run on the same embedding model. */
  record Reuse(PcaModel model) implements PcaChoice {

    @Override
    public PcaModel pca(CovarianceSums sums, String modelId, String rejectedNote) {
      return model;
    }

    @Override
    public boolean reused() {
      return true;
    }
  }

  /** Refuses a fixed k above {@code limit}, naming {@code what} the limit is. */
  static void checkCount(ComponentSelection selection, long limit, String what) {
    if (selection instanceof ComponentSelection.Count count && count.k() > limit) {
      throw new InvalidConfigException("cannot keep " + count.k() + " principal components ("
          + PcaKeys.K.key() + "): more than " + what + ", " + limit);
    }
  }
}
