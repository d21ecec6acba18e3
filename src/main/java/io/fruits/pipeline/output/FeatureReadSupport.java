package io.fruits.pipeline.output;

import java.util.Arrays;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.InitContext;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Reads the rows {@link FeatureWriteSupport} wrote back into {@link FeatureRow}s, so incremental
 * runs can reuse a previous run's embeddings. A projection set in
 * {@link ReadSupport#PARQUET_READ_SCHEMA} ({@link FeatureSchema#columns}) reads only some columns
 * (the rest come back empty: null strings, 0, empty arrays), as the previous rows are read
 * without their old PCA scores.
 */
public class FeatureReadSupport extends ReadSupport<FeatureRow> {

  @Override
  public ReadContext init(InitContext context) {
    String projection = context.getConfiguration().get(PARQUET_READ_SCHEMA);
    MessageType fileSchema = context.getFileSchema();
    return new ReadContext(
        projection == null ? fileSchema : getSchemaForRead(fileSchema, projection));
  }

  @Override
  public RecordMaterializer<FeatureRow> prepareForRead(Configuration conf,
      Map<String, String> keyValueMetaData, MessageType fileSchema, ReadContext readContext) {
    RowConverter root = new RowConverter(readContext.getRequestedSchema());
    return new RecordMaterializer<>() {
      @Override
      public FeatureRow getCurrentRecord() {
        return root.row();
      }

      @Override
      public GroupConverter getRootConverter() {
        return root;
      }
    };
  }

  /** Collects one record's fields by name, whichever of them the requested schema holds. */
  private static final class RowConverter extends GroupConverter {

    private final Converter[] converters;
    private String path;
    private String label;
    private long size;
    private long modified;
    private final FloatListConverter features = new FloatListConverter();
    private final FloatListConverter pca = new FloatListConverter();

    RowConverter(MessageType schema) {
      converters = new Converter[schema.getFieldCount()];
      for (int i = 0; i < converters.length; i++) {
        String name = schema.getFieldName(i);
        converters[i] = switch (name) {
          case FeatureSchema.PATH -> new PrimitiveConverter() {
            @Override
            public void addBinary(Binary value) {
              path = value.toStringUsingUTF8();
            }
          };
          case FeatureSchema.LABEL -> new PrimitiveConverter() {
            @Override
            public void addBinary(Binary value) {
              label = value.toStringUsingUTF8();
            }
          };
          case FeatureSchema.SIZE -> new PrimitiveConverter() {
            @Override
            public void addLong(long value) {
              size = value;
            }
          };
          case FeatureSchema.MODIFIED -> new PrimitiveConverter() {
            @Override
            public void addLong(long value) {
              modified = value;
            }
          };
          case FeatureSchema.FEATURES -> features;
          case FeatureSchema.PCA -> pca;
          default -> throw new IllegalArgumentException("not a feature column: " + name);
        };
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return converters[fieldIndex];
    }

    @Override
    public void start() {
      path = null;
      label = null;
      size = 0;
      modified = 0;
    }

    @Override
    public void end() {
      // The row is assembled when the reader asks for it.
    }

    FeatureRow row() {
      return new FeatureRow(path, label, size, modified, features.values(), pca.values());
    }
  }

  /** A LIST of floats in the three-level layout: the group, its repeated "list", the element. */
  private static final class FloatListConverter extends GroupConverter {

    private float[] values = new float[64];
    private int count;
    private final PrimitiveConverter element = new PrimitiveConverter() {
      @Override
      public void addFloat(float value) {
        if (count == values.length) {
          values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = value;
      }
    };
    private final GroupConverter list = new GroupConverter() {
      @Override
      public Converter getConverter(int fieldIndex) {
        return element;
      }

      @Override
      public void start() {
        // Each repetition carries one element.
      }

      @Override
      public void end() {
        // Nothing to finish per element.
      }
    };

    @Override
    public Converter getConverter(int fieldIndex) {
      return list;
    }

    @Override
    public void start() {
      count = 0;
    }

    @Override
    public void end() {
      // The values are copied out when the row is assembled.
    }

    float[] values() {
      return Arrays.copyOf(values, count);
    }
  }
}
