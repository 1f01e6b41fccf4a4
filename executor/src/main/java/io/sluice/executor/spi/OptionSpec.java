package io.sluice.executor.spi;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The declaration of one connector option: the single source of truth for validation, defaults,
 * secrecy and the generated option reference in the docs.
 *
 * @param name canonical name (Arroyo 0.15 spelling where one exists)
 * @param aliases other accepted spellings (e.g. Arroyo 0.14 names); they are rewritten to {@code
 *     name}
 * @param allowedValues for {@link OptionType#ENUM}, the accepted values (lower case)
 * @param sensitive never shown in SHOW CREATE, EXPLAIN, logs or errors
 * @param roles the table roles the option applies to
 */
public record OptionSpec(
        String name,
        List<String> aliases,
        OptionType type,
        Optional<String> defaultValue,
        boolean required,
        boolean sensitive,
        List<String> allowedValues,
        Set<TableRole> roles,
        String doc) {
    public OptionSpec {
        requireNonNull(name, "name is null");
        aliases = List.copyOf(aliases);
        requireNonNull(type, "type is null");
        requireNonNull(defaultValue, "defaultValue is null");
        allowedValues = List.copyOf(allowedValues);
        roles = Set.copyOf(roles);
        requireNonNull(doc, "doc is null");
    }

    /** Starts a declaration; see {@link Builder}. */
    public static Builder builder(String name, OptionType type) {
        return new Builder(name, type);
    }

    /** Fluent construction of an {@link OptionSpec}. */
    public static final class Builder {
        private final String name;
        private final OptionType type;
        private List<String> aliases = List.of();
        private Optional<String> defaultValue = Optional.empty();
        private boolean required;
        private boolean sensitive;
        private List<String> allowedValues = List.of();
        private Set<TableRole> roles = Set.of(TableRole.SOURCE, TableRole.SINK);
        private String doc = "";

        private Builder(String name, OptionType type) {
            this.name = requireNonNull(name, "name is null");
            this.type = requireNonNull(type, "type is null");
        }

        public Builder aliases(String... aliases) {
            this.aliases = List.of(aliases);
            return this;
        }

        public Builder defaultValue(String defaultValue) {
            this.defaultValue = Optional.of(defaultValue);
            return this;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder sensitive() {
            this.sensitive = true;
            return this;
        }

        public Builder allowedValues(String... values) {
            this.allowedValues = List.of(values);
            return this;
        }

        public Builder roles(TableRole... roles) {
            this.roles = Set.of(roles);
            return this;
        }

        public Builder doc(String doc) {
            this.doc = doc;
            return this;
        }

        public OptionSpec build() {
            return new OptionSpec(
                    name,
                    aliases,
                    type,
                    defaultValue,
                    required,
                    sensitive,
                    allowedValues,
                    roles,
                    doc);
        }
    }
}
