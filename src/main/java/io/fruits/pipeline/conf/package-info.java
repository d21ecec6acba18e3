/**
 * Configuration: documented {@code fruits.*} keys and how jobs ship files and jars; shared by
 * every stage.
 */
package io.fruits.pipeline.conf;
