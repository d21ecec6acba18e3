package io.fruits.pipeline.conf;

/**
 * What defines a configuration key: its name, its default ({@code null} for none) and a one-line
 * description. Key enums hold one each, so the accessors live once in {@link ConfigKey}.
 */
public record KeySpec(String key, String defaultValue, String description) {}
