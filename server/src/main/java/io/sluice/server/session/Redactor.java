package io.sluice.server.session;

import io.sluice.parser.ddl.SqlTableOption;
import io.sluice.planner.Positions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * Produces the text of a CREATE statement with secret option values replaced by {@code '********'},
 * so the catalog's copy, SHOW CREATE and logs never print a secret. The values themselves are kept
 * only in the options column.
 */
final class Redactor {
    static final String MASK = "'********'";

    private Redactor() {}

    /**
     * Whether an option name looks secret, for options no connector declares (connection profiles).
     */
    static boolean looksSensitive(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password")
                || lower.contains("secret")
                || lower.contains("token")
                || lower.contains("jaas")
                || lower.contains("credential")
                || lower.endsWith("private_key");
    }

    static String redact(String sql, List<SqlTableOption> options, Predicate<String> sensitive) {
        List<int[]> spans = new ArrayList<>();
        for (SqlTableOption option : options) {
            if (!sensitive.test(option.key())) {
                continue;
            }
            SqlParserPos pos = option.value().getParserPosition();
            int start = Positions.offset(sql, pos.getLineNum(), pos.getColumnNum());
            int end = Positions.offset(sql, pos.getEndLineNum(), pos.getEndColumnNum());
            if (start < 0 || end < start) {
                // Without a position the statement cannot be spliced safely; keep nothing of it.
                return "-- statement not shown: it holds secret options";
            }
            spans.add(new int[] {start, end + 1});
        }
        spans.sort(Comparator.comparingInt((int[] span) -> span[0]).reversed());
        StringBuilder text = new StringBuilder(sql);
        for (int[] span : spans) {
            text.replace(span[0], Math.min(span[1], text.length()), MASK);
        }
        return text.toString();
    }
}
