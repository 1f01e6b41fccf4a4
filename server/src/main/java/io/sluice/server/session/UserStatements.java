package io.sluice.server.session;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.parser.ddl.SqlAlterUser;
import io.sluice.parser.ddl.SqlCreateUser;
import io.sluice.parser.ddl.SqlDropUser;
import io.sluice.server.catalog.UserStore;
import java.util.regex.Pattern;

/**
 * CREATE, ALTER and DROP USER. Passwords go straight into SCRAM verifiers; no message, error or log
 * line here ever contains one, and a statement about users that does not parse is reported without
 * its text.
 */
final class UserStatements {
    private static final Pattern USER_STATEMENT =
            Pattern.compile("(?is)^\\s*(CREATE|ALTER)\\s+(OR\\s+REPLACE\\s+)?USER\\b.*");

    private UserStatements() {}

    /** Whether a statement may hold a password, so its text must not appear in an error. */
    static boolean mayHoldPassword(String sql) {
        return USER_STATEMENT.matcher(sql).matches();
    }

    static void create(SqlCreateUser create, UserStore users) {
        if (create.getReplace()) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "CREATE OR REPLACE USER is not supported; use ALTER USER to change a password");
        }
        String name = create.name().getSimple();
        users.putUser(name, checkedPassword(create.password()), false);
    }

    static void alter(SqlAlterUser alter, UserStore users) {
        String name = alter.name().getSimple();
        if (users.lookup(name).isEmpty()) {
            throw new SluiceException(
                    ErrorCode.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
        }
        users.putUser(name, checkedPassword(alter.password()), true);
    }

    static void drop(SqlDropUser drop, UserStore users, String currentUser) {
        String name = drop.name().getSimple();
        if (name.equals(currentUser)) {
            throw new SluiceException(
                    ErrorCode.OBJECT_IN_USE, "current user \"" + name + "\" cannot be dropped");
        }
        if (!users.dropUser(name) && !drop.ifExists()) {
            throw new SluiceException(
                    ErrorCode.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
        }
    }

    private static String checkedPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new SluiceException(ErrorCode.INVALID_OPTION, "a password must not be empty");
        }
        return password;
    }
}
