/**
 * Image: decodes one photo, converts it to RGB and resizes and scales it into the model's input
 * tensor; plain Java, no Hadoop types.
 */
package io.fruits.pipeline.image;
