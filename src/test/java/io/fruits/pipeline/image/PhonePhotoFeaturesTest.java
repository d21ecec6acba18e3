package io.fruits.pipeline.image;

import static io.fruits.pipeline.testing.Embeddings.cosine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fruits.pipeline.model.FeatureExtractor;
import io.fruits.pipeline.model.ModelDescriptor;
import io.fruits.pipeline.model.SessionSettings;
import io.fruits.pipeline.testing.SharedData;
import java.time.Duration;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the model makes of the pipeline's preprocessing of real 12-megapixel phone photos
 * ({@code ../shared/data/phone-photos}), against references computed independently here: a
 * full-resolution ImageIO decode reduced by {@link AreaAverageReference}; the same photo stored
 * with each EXIF orientation; the photo at a quarter of its size. And that the 100×100 Fruits-360
 * photos keep the features of the previous path (ImageIO decode + bilinear enlargement).
 */
class PhonePhotoFeaturesTest {

  private static final ModelDescriptor MODEL = ModelDescriptor.MOBILENET_V2;
  private static final InputSpec SPEC = MODEL.input();
  private static FeatureExtractor extractor;
  private static ImagePreprocessor preprocessor;
  private static FloatBuffer batch;

  @BeforeAll
  static void open() {
    extractor = FeatureExtractor.open(SharedData.floatModel(), MODEL,
        new SessionSettings(1, 1));
    preprocessor = new ImagePreprocessor(SPEC, 50_000_000, Duration.ofSeconds(30));
    batch = extractor.allocateBatch(1);
  }

  @AfterAll
  static void close() {
    preprocessor.close();
    extractor.close();
  }

  @Test
  void phonePhotosEmbedLikeAnExactAreaAverageOfTheFullResolutionPhoto() throws Exception {
    List<Path> photos = SharedData.phonePhotos();
    assertEquals(10, photos.size());
    double[] cosines = new double[photos.size()];
    for (int i = 0; i < photos.size(); i++) {
      byte[] bytes = Files.readAllBytes(photos.get(i));
      BufferedImage full = ImageIO.read(photos.get(i).toFile());
      cosines[i] = cosine(pipeline(bytes), reference(full));
    }
    double[] sorted = cosines.clone();
    Arrays.sort(sorted);
    double median = (sorted[4] + sorted[5]) / 2;
    String all = photos.stream().map(p -> p.getFileName().toString()).toList() + " "
        + Arrays.toString(cosines);
    assertTrue(median >= 0.98, "median cosine " + median + ": " + all);
    assertTrue(sorted[0] >= 0.95, "worst cosine " + sorted[0] + ": " + all);
  }

  /**
   * Every orientation tag on pixels stored accordingly embeds like the upright photo; the same
   * pixels without the tag do not (so the test sees an ignored tag).
   */
  @Test
  void eachExifOrientationEmbedsLikeTheUprightPhoto() throws Exception {
    BufferedImage upright = halfSize(ImageIO.read(SharedData.phonePhotos().get(1).toFile()));
    float[] expected = pipeline(jpeg(upright));
    for (int orientation = 1; orientation <= 8; orientation++) {
      BufferedImage stored = ExifOrientation.stored(orientation, upright);
      byte[] untagged = jpeg(stored);
      double tagged = cosine(expected, pipeline(ExifOrientation.tagged(untagged, orientation)));
      assertTrue(tagged >= 0.99, "orientation " + orientation + ": cosine " + tagged);
      if (orientation == 3 || orientation >= 5) {
        double ignored = cosine(expected, pipeline(untagged));
        assertTrue(ignored < 0.99,
            "orientation " + orientation + " untagged is not distinguishable: " + ignored);
      }
    }
  }

  @Test
  void aPhotoEmbedsAlikeAtFullSizeAndAtAQuarterOfEachSide() throws Exception {
    for (Path photo : SharedData.phonePhotos().subList(0, 3)) {
      byte[] bytes = Files.readAllBytes(photo);
      BufferedImage full = ImageIO.read(photo.toFile());
      BufferedImage quarter =
          toImage(AreaAverageReference.reduce(full, full.getWidth() / 4, full.getHeight() / 4));
      double cosine = cosine(pipeline(bytes), pipeline(jpeg(quarter)));
      assertTrue(cosine >= 0.98, photo.getFileName() + ": cosine " + cosine);
    }
  }

  /** The enlargement of small photos is the previous path's: decoded by ImageIO, bilinear. */
  @Test
  void fruits360PhotosKeepTheirFeatures() throws Exception {
    ImageDecoder imageIo = new ImageDecoder(50_000_000);
    ImageTensorWriter bilinear = new ImageTensorWriter(SPEC);
    List<Path> photos = SharedData.fruits(10, 2);
    assertEquals(10 * 2, photos.size(), "2 photos of each of 10 classes");
    for (Path photo : photos) {
      byte[] bytes = Files.readAllBytes(photo);
      BufferedImage decoded = imageIo.decode(bytes, bytes.length);
      assertEquals(100, decoded.getWidth(), photo.toString());
      bilinear.write(decoded, batch, 0);
      float[] previous = features();
      double cosine = cosine(previous, pipeline(bytes));
      assertTrue(cosine >= 0.9999, photo + ": cosine " + cosine);
    }
  }

  private static float[] pipeline(byte[] bytes)
      throws ImageRejectedException, InterruptedException {
    preprocessor.write(bytes, bytes.length, batch, 0);
    return features();
  }

  /** The reference: the full image area-averaged in double precision, then TF scaling. */
  private static float[] reference(BufferedImage full) {
    double[][][] reduced = AreaAverageReference.reduce(full, SPEC.width(), SPEC.height());
    int i = 0;
    for (double[][] row : reduced) {
      for (double[] pixel : row) {
        for (double value : pixel) {
          batch.put(i++, (float) (value / 127.5 - 1));
        }
      }
    }
    return features();
  }

  private static float[] features() {
    float[] out = new float[MODEL.featureDimension()];
    extractor.extract(batch, 1, out);
    return out;
  }

  private static BufferedImage halfSize(BufferedImage full) {
    return toImage(AreaAverageReference.reduce(full, full.getWidth() / 2, full.getHeight() / 2));
  }

  private static BufferedImage toImage(double[][][] rgb) {
    BufferedImage image =
        new BufferedImage(rgb[0].length, rgb.length, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < rgb.length; y++) {
      for (int x = 0; x < rgb[0].length; x++) {
        double[] p = rgb[y][x];
        image.setRGB(x, y, (int) Math.round(p[0]) << 16 | (int) Math.round(p[1]) << 8
            | (int) Math.round(p[2]));
      }
    }
    return image;
  }

  private static byte[] jpeg(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertTrue(ImageIO.write(image, "jpg", out));
    return out.toByteArray();
  }
}
