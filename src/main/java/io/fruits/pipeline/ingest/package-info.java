/**
 * Ingest: lists image files recursively on any Hadoop file system (label = parent folder), saves
 * listings, and packs many small files into each map task's split.
 */
package io.fruits.pipeline.ingest;
