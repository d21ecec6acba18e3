package io.fruits.pipeline.output;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * Writes {@link FeatureRow}s in the {@link FeatureSchema} layout; the run facts the driver put in
 * the job configuration ({@link OutputKeys}) go into the footer metadata.
 */
public class FeatureWriteSupport extends RowWriteSupport<FeatureRow> {

  @Override
  public WriteContext init(Configuration conf) {
    Map<String, String> footer = new LinkedHashMap<>();
    footer.put(FeatureSchema.FOOTER_MODEL, OutputKeys.MODEL_NAME.require(conf));
    footer.put(FeatureSchema.FOOTER_PCA_K, OutputKeys.PCA_K.require(conf));
    footer.put(FeatureSchema.FOOTER_EXPLAINED_VARIANCE, OutputKeys.EXPLAINED_VARIANCE.require(conf));
    return new WriteContext(FeatureSchema.SCHEMA, footer);
  }

  @Override
  void writeFields(FeatureRow row) {
    writeString(FeatureSchema.PATH, 0, row.path());
    writeString(FeatureSchema.LABEL, 1, row.label());
    writeLong(FeatureSchema.SIZE, 2, row.size());
    writeLong(FeatureSchema.MODIFIED, 3, row.modified());
    writeFloatList(FeatureSchema.FEATURES, 4, row.features());
    writeFloatList(FeatureSchema.PCA, 5, row.pca());
  }

  @Override
  public String getName() {
    return "fruits-features";
  }
}
