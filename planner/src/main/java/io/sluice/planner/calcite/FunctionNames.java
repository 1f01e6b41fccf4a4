package io.sluice.planner.calcite;

import io.sluice.executor.spi.TableOptions;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlOperator;

/** Suggests the known function nearest to a misspelt name. */
final class FunctionNames {
    private static final Set<String> KNOWN = knownNames();

    private FunctionNames() {}

    /**
     * {@code " (did you mean "name"?)"} for the nearest known function, or a note that the name
     * exists with other argument types; empty when nothing is near.
     */
    static String hint(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (KNOWN.contains(lower)) {
            return "; no signature of " + lower + " matches these argument types";
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : KNOWN) {
            int distance = TableOptions.editDistance(lower, candidate);
            // ties go to the longer shared prefix: json_get_sting is json_get_str, not _int
            if (distance < bestDistance
                    || (distance == bestDistance
                            && commonPrefix(lower, candidate) > commonPrefix(lower, best))) {
                bestDistance = distance;
                best = candidate;
            }
        }
        if (best != null && bestDistance <= Math.max(2, lower.length() / 3)) {
            return " (did you mean \"" + best + "\"?)";
        }
        return "";
    }

    private static Set<String> knownNames() {
        Set<String> names = new TreeSet<>();
        for (SqlOperator operator : PlannerOperators.operatorTable().getOperatorList()) {
            if (operator instanceof SqlFunction && operator.getName().matches("[A-Za-z_0-9]+")) {
                names.add(operator.getName().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    private static int commonPrefix(String a, String b) {
        int length = 0;
        while (length < a.length() && length < b.length() && a.charAt(length) == b.charAt(length)) {
            length++;
        }
        return length;
    }
}
