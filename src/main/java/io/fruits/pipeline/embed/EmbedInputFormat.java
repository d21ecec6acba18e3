package io.fruits.pipeline.embed;

import io.fruits.pipeline.ingest.ImageInputFormat;
import io.fruits.pipeline.ingest.ImageListing;

/**
 * The embedding job's input: {@link ImageInputFormat}'s splits, byte ranges of the {@link
 * ImageListing} files given as input paths, which the driver wrote while it listed the input, so
 * the input is walked once per run. Jobs that read images as the embed job does (classify) name
 * this class.
 */
public class EmbedInputFormat extends ImageInputFormat {}
