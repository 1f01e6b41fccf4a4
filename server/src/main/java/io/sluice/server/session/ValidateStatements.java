package io.sluice.server.session;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.OptionSpec;
import io.sluice.executor.spi.TableOptions;
import io.sluice.executor.spi.TableRole;
import io.sluice.parser.ddl.SqlTableOption;
import io.sluice.parser.ddl.SqlValidateConnectionProfile;
import io.sluice.pgwire.PgColumn;
import io.sluice.pgwire.PgResult;
import io.sluice.pgwire.PgType;
import io.sluice.planner.catalog.ConnectionProfile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code VALIDATE CONNECTION PROFILE name [WITH (options)]}: the profile's connector connects with
 * the profile's options, {@code {{ VAR }}} substituted, and the given ones (such as a topic that
 * must exist). Answers one row saying what was checked, or the connector's error.
 */
final class ValidateStatements {
    /** The connector of a profile that names none: profiles exist mostly for Kafka clusters. */
    private static final String DEFAULT_CONNECTOR = "kafka";

    private ValidateStatements() {}

    static PgResult validate(
            SqlValidateConnectionProfile statement,
            SessionServices services,
            Map<String, String> environment) {
        String name = statement.name().getSimple();
        ConnectionProfile profile =
                services.catalog()
                        .profile(name)
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.UNDEFINED_OBJECT,
                                                "connection profile \""
                                                        + name
                                                        + "\" does not exist"));
        String connectorName = profile.connectorType().orElse(DEFAULT_CONNECTOR);
        ConnectorFactory connector = services.connectors().get(connectorName);
        Map<String, String> raw = new LinkedHashMap<>(profile.options());
        raw.remove(TableOptions.TYPE);
        for (SqlTableOption option : statement.options()) {
            raw.put(option.key(), option.valueAsString());
        }
        // A profile holds only connection options: table options such as the topic are optional.
        List<OptionSpec> specs = new ArrayList<>();
        for (OptionSpec spec : connector.options()) {
            specs.add(
                    new OptionSpec(
                            spec.name(),
                            spec.aliases(),
                            spec.type(),
                            spec.defaultValue(),
                            false,
                            spec.sensitive(),
                            spec.allowedValues(),
                            spec.roles(),
                            spec.doc()));
        }
        Map<String, String> options =
                TableOptions.validate(connectorName, specs, TableRole.SOURCE, raw, Map.of())
                        .substitute(environment)
                        .values();
        String summary = connector.validateConnection(options);
        return PgResult.rows(
                List.of(
                        new PgColumn("profile", PgType.TEXT),
                        new PgColumn("connector", PgType.TEXT),
                        new PgColumn("result", PgType.TEXT)),
                List.<Object[]>of(new Object[] {name, connectorName, summary}).iterator());
    }
}
