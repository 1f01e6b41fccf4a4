package io.sluice.planner.calcite;

import static java.util.Objects.requireNonNull;

import io.sluice.executor.plan.RowSchema;
import io.sluice.executor.plan.SqlType;
import io.sluice.planner.catalog.CatalogView;
import io.sluice.planner.catalog.TableDefinition;
import io.sluice.planner.type.TypeMapping;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.AbstractTable;

/** Calcite's view of the catalog: one table per catalog table that has columns. */
public final class CatalogSchema {
    private CatalogSchema() {}

    /**
     * A catalog reader over {@code catalog}, with {@code overrides} replacing the columns of the
     * named tables (a column-less sink whose columns the INSERT being planned fixes).
     */
    public static CalciteCatalogReader catalogReader(
            CatalogView catalog, Map<String, RowSchema> overrides, RelDataTypeFactory factory) {
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        for (TableDefinition table : catalog.tables()) {
            RowSchema schema = overrides.get(table.name());
            if (schema == null) {
                schema = table.columns().orElse(null);
            }
            // A sink without columns has no row type until an INSERT gives it one.
            if (schema != null) {
                root.add(table.name(), new CatalogTable(table, schema));
            }
        }
        for (Map.Entry<String, SqlType> type : TypeMapping.namedTypes().entrySet()) {
            SqlType sqlType = type.getValue();
            root.add(type.getKey(), typeFactory -> TypeMapping.toRelDataType(sqlType, typeFactory));
        }
        Properties properties = new Properties();
        properties.setProperty(CalciteConnectionProperty.CASE_SENSITIVE.camelName(), "true");
        CalciteConnectionConfig config = new CalciteConnectionConfigImpl(properties);
        return new CalciteCatalogReader(root, List.of(), factory, config);
    }

    /** A catalog table as Calcite sees it. */
    public static final class CatalogTable extends AbstractTable {
        private final TableDefinition definition;
        private final RowSchema schema;

        CatalogTable(TableDefinition definition, RowSchema schema) {
            this.definition = requireNonNull(definition, "definition is null");
            this.schema = requireNonNull(schema, "schema is null");
        }

        public TableDefinition definition() {
            return definition;
        }

        public RowSchema schema() {
            return schema;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory typeFactory) {
            return TypeMapping.toRowType(schema, typeFactory);
        }
    }
}
