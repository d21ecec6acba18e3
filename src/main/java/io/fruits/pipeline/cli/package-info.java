/**
 * Command line: the run plan, the driver that carries it out stage by stage, and the bench and
 * model tools.
 */
package io.fruits.pipeline.cli;
