package io.sluice.server.config;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.spi.TableOptions;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The server's settings. Read from a properties file; every key can be overridden by an environment
 * variable named {@code SLUICE_} plus the key in upper case with dots and dashes as underscores
 * ({@code pgwire.port} → {@code SLUICE_PGWIRE_PORT}). Each setting is documented in {@link
 * Setting}.
 */
public final class ServerConfig {
    private final Map<String, String> values;

    private ServerConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /** The defaults, overridden by {@code overrides}. */
    public static ServerConfig of(Map<String, String> overrides) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            setting.defaultValue().ifPresent(value -> merged.put(setting.key(), value));
        }
        merged.putAll(overrides);
        return validated(merged);
    }

    /** Reads {@code file}, then applies {@code SLUICE_*} variables from {@code environment}. */
    public static ServerConfig load(Path file, Map<String, String> environment) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    "cannot read configuration file " + file + ": " + e.getMessage(),
                    e);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames()) {
            overrides.put(key, properties.getProperty(key).trim());
        }
        overrides.putAll(fromEnvironment(environment));
        return of(overrides);
    }

    /** The {@code SLUICE_*} variables of {@code environment} as configuration keys. */
    public static Map<String, String> fromEnvironment(Map<String, String> environment) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Setting setting : Setting.values()) {
            String variable = setting.environmentVariable();
            if (environment.containsKey(variable)) {
                result.put(setting.key(), environment.get(variable));
            }
        }
        return result;
    }

    private static ServerConfig validated(Map<String, String> values) {
        for (String key : values.keySet()) {
            if (Setting.byKey(key).isEmpty()
                    && !key.startsWith(Setting.PROFILE_PREFIX)
                    && !key.startsWith(Setting.INGEST_STREAM_PREFIX)) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION, "unknown setting \"" + key + "\"");
            }
        }
        return new ServerConfig(values);
    }

    public String get(Setting setting) {
        String value = values.get(setting.key());
        if (value == null) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION, "setting \"" + setting.key() + "\" is required");
        }
        return value;
    }

    public Optional<String> getOptional(Setting setting) {
        return Optional.ofNullable(values.get(setting.key())).filter(value -> !value.isEmpty());
    }

    public int getInt(Setting setting) {
        String value = get(setting);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new SluiceException(
                    ErrorCode.INVALID_OPTION,
                    "setting \"" + setting.key() + "\" must be an integer, got \"" + value + "\"");
        }
    }

    public Duration getDuration(Setting setting) {
        String value = get(setting);
        return TableOptions.parseDuration(value)
                .orElseThrow(
                        () ->
                                new SluiceException(
                                        ErrorCode.INVALID_OPTION,
                                        "setting \""
                                                + setting.key()
                                                + "\" must be a duration such as 10s, got \""
                                                + value
                                                + "\""));
    }

    /** A size in bytes; units are binary (1 KB = 1024 bytes); a bare number is bytes. */
    public long getSize(Setting setting) {
        String value = get(setting);
        return TableOptions.parseSize(value)
                .orElseThrow(
                        () ->
                                new SluiceException(
                                        ErrorCode.INVALID_OPTION,
                                        "setting \""
                                                + setting.key()
                                                + "\" must be a size such as 10GB, got \""
                                                + value
                                                + "\""));
    }

    public Path getPath(Setting setting) {
        return Path.of(get(setting));
    }

    /**
     * Connection profiles defined in configuration: {@code profile.<name>.<option> = value}.
     * Returned as profile name → options.
     */
    public Map<String, Map<String, String>> profiles() {
        Map<String, Map<String, String>> profiles = new TreeMap<>();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith(Setting.PROFILE_PREFIX)) {
                continue;
            }
            String rest = key.substring(Setting.PROFILE_PREFIX.length());
            int dot = rest.indexOf('.');
            if (dot <= 0 || dot == rest.length() - 1) {
                throw new SluiceException(
                        ErrorCode.INVALID_OPTION,
                        "setting \"" + key + "\" must have the form profile.<name>.<option>");
            }
            profiles.computeIfAbsent(rest.substring(0, dot), name -> new TreeMap<>())
                    .put(rest.substring(dot + 1), entry.getValue());
        }
        return profiles;
    }

    /** The values whose keys start with {@code prefix}, keyed by the rest of the key. */
    public Map<String, String> withPrefix(String prefix) {
        requireNonNull(prefix, "prefix is null");
        Map<String, String> result = new TreeMap<>();
        values.forEach(
                (key, value) -> {
                    if (key.startsWith(prefix)) {
                        result.put(key.substring(prefix.length()), value);
                    }
                });
        return result;
    }

    /** A copy with one more value set. */
    public ServerConfig with(Setting setting, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(
                requireNonNull(setting, "setting is null").key(),
                requireNonNull(value, "value is null"));
        return new ServerConfig(copy);
    }
}
