/** Report: report.html and its charts, drawn from a finished run's summary, PCA and rows. */
package io.fruits.pipeline.report;
