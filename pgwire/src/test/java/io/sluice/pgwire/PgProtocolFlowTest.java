package io.sluice.pgwire;

import static io.sluice.pgwire.EmbeddedConnection.types;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every message flow of the protocol handler, message by message, over an embedded channel. */
class PgProtocolFlowTest {
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";

    private final FakeSession.Events events = new FakeSession.Events();

    @Test
    void trustStartupReportsParametersThenKeyThenReady() {
        try (EmbeddedConnection connection =
                new EmbeddedConnection(
                        PgServerConfig.trust("127.0.0.1", 0, FakeSession.factory(events)))) {
            List<BackendMessage> answer =
                    connection.exchange(
                            FrontendMessages.startup(
                                    Map.of("user", "alice", "application_name", "flows")));
            assertThat(answer.get(0).type()).isEqualTo('R');
            assertThat(answer.get(0).authenticationCode()).isZero();
            List<BackendMessage> parameters = answer.subList(1, answer.size() - 2);
            assertThat(types(parameters)).containsOnly('S');
            Map<String, String> reported = new LinkedHashMap<>();
            parameters.forEach(p -> reported.put(p.parameter().getKey(), p.parameter().getValue()));
            assertThat(reported)
                    .containsEntry("server_version", "16.4")
                    .containsEntry("server_encoding", "UTF8")
                    .containsEntry("client_encoding", "UTF8")
                    .containsEntry("DateStyle", "ISO, MDY")
                    .containsEntry("integer_datetimes", "on")
                    .containsEntry("standard_conforming_strings", "on")
                    .containsEntry("TimeZone", "Etc/UTC")
                    .containsEntry("application_name", "flows")
                    .containsEntry("session_authorization", "alice");
            assertThat(answer.get(answer.size() - 2).type()).isEqualTo('K');
            assertThat(answer.get(answer.size() - 2).body()).hasSize(8);
            assertThat(answer.get(answer.size() - 1).type()).isEqualTo('Z');
            assertThat(answer.get(answer.size() - 1).transactionStatus()).isEqualTo('I');
        }
    }

    @Test
    void scramRoundsEndInAuthenticationOkWithAVerifiedServerSignature() {
        Map<String, ScramCredentials> users =
                Map.of("alice", ScramCredentials.fromPassword("s3cret"));
        try (EmbeddedConnection connection = scramConnection(users)) {
            List<BackendMessage> sasl =
                    connection.exchange(FrontendMessages.startup(Map.of("user", "alice")));
            assertThat(types(sasl)).containsExactly('R');
            assertThat(sasl.get(0).authenticationCode()).isEqualTo(10);
            assertThat(sasl.get(0).saslData()).isEqualTo("SCRAM-SHA-256\0\0");

            ScramClient client = new ScramClient("s3cret");
            List<BackendMessage> serverFirst =
                    connection.exchange(
                            FrontendMessages.saslInitialResponse(
                                    "SCRAM-SHA-256", client.clientFirst()));
            assertThat(types(serverFirst)).containsExactly('R');
            assertThat(serverFirst.get(0).authenticationCode()).isEqualTo(11);
            assertThat(serverFirst.get(0).saslData()).startsWith("r=" + CLIENT_NONCE);

            List<BackendMessage> rest =
                    connection.exchange(
                            FrontendMessages.saslResponse(
                                    client.clientFinal(serverFirst.get(0).saslData())));
            assertThat(rest.get(0).authenticationCode()).isEqualTo(12);
            assertThat(rest.get(0).saslData()).isEqualTo(client.expectedServerFinal());
            assertThat(rest.get(1).authenticationCode()).isZero();
            assertThat(types(rest)).endsWith('S', 'K', 'Z');
        }
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswers() {
        Map<String, ScramCredentials> users =
                Map.of("alice", ScramCredentials.fromPassword("s3cret"));
        Map<Character, String> wrongPassword = failedScram(users, "alice", "guess");
        Map<Character, String> unknownUser = failedScram(users, "alicf", "s3cret");
        assertThat(wrongPassword)
                .containsEntry('S', "FATAL")
                .containsEntry('C', PgSqlState.INVALID_PASSWORD)
                .containsEntry('M', "password authentication failed for user \"alice\"");
        Map<Character, String> normalized = new LinkedHashMap<>(unknownUser);
        normalized.put('M', unknownUser.get('M').replace("alicf", "alice"));
        assertThat(normalized).isEqualTo(wrongPassword);
        assertThat(events.closedSessions).hasValue(0);
    }

    private Map<Character, String> failedScram(
            Map<String, ScramCredentials> users, String user, String password) {
        try (EmbeddedConnection connection = scramConnection(users)) {
            connection.exchange(FrontendMessages.startup(Map.of("user", user)));
            ScramClient client = new ScramClient(password);
            List<BackendMessage> serverFirst =
                    connection.exchange(
                            FrontendMessages.saslInitialResponse(
                                    "SCRAM-SHA-256", client.clientFirst()));
            // An unknown user still gets a salt and the usual iteration count.
            assertThat(serverFirst.get(0).authenticationCode()).isEqualTo(11);
            assertThat(serverFirst.get(0).saslData()).contains(",s=").endsWith(",i=4096");
            List<BackendMessage> answer =
                    connection.exchange(
                            FrontendMessages.saslResponse(
                                    client.clientFinal(serverFirst.get(0).saslData())));
            assertThat(types(answer)).containsExactly('E');
            assertThat(connection.channel.isOpen()).isFalse();
            return answer.get(0).fields();
        }
    }

    @Test
    void simpleQueryRunsEveryStatementOfTheString() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            List<BackendMessage> answer =
                    connection.exchange(
                            FrontendMessages.query(
                                    "select 1; select 'a;b' from nowhere_yet; insert into t"
                                            + " values (1)"));
            // The second statement fails: the third never runs, ReadyForQuery still comes.
            assertThat(types(answer)).containsExactly('T', 'D', 'C', 'E', 'Z');
            assertThat(answer.get(1).textValues()).containsExactly("1");
            assertThat(answer.get(2).tag()).isEqualTo("SELECT 1");
            assertThat(answer.get(3).sqlState()).isEqualTo(PgSqlState.SYNTAX_ERROR);
            assertThat(events.executions).hasValue(2);

            List<BackendMessage> second =
                    connection.exchange(
                            FrontendMessages.query("select 2; create table x (a int); select 3"));
            assertThat(types(second)).containsExactly('T', 'D', 'C', 'C', 'T', 'D', 'C', 'Z');
            assertThat(second.get(3).tag()).isEqualTo("CREATE TABLE");
            assertThat(second.get(5).textValues()).containsExactly("3");
        }
    }

    @Test
    void emptyQueryGetsEmptyQueryResponse() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            assertThat(types(connection.exchange(FrontendMessages.query(""))))
                    .containsExactly('I', 'Z');
            assertThat(types(connection.exchange(FrontendMessages.query(" ; -- nothing"))))
                    .containsExactly('I', 'Z');
            assertThat(events.executions).hasValue(0);
        }
    }

    @Test
    void extendedQuerySuspendsAtMaxRowsThenCompletes() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            List<BackendMessage> answer =
                    connection.exchange(
                            FrontendMessages.parse(
                                    "s1", "select * from series($1)", List.of(PgType.INT4)),
                            FrontendMessages.describe('S', "s1"),
                            FrontendMessages.bind("p1", "s1", List.of("5"), PgFormat.TEXT),
                            FrontendMessages.describe('P', "p1"),
                            FrontendMessages.execute("p1", 2),
                            FrontendMessages.sync());
            assertThat(types(answer)).containsExactly('1', 't', 'T', '2', 'T', 'D', 'D', 's', 'Z');
            assertThat(answer.get(1).parameterOids()).containsExactly(PgType.INT4.oid());
            assertThat(answer.get(2).columnNames()).containsExactly("n");
            assertThat(answer.get(5).textValues()).containsExactly("1");
            assertThat(answer.get(6).textValues()).containsExactly("2");
            // Outside a transaction block the portal ends with the implicit transaction at Sync.
            assertThat(answer.get(8).transactionStatus()).isEqualTo('I');
            assertThat(events.closedResults).hasValue(1);
        }
    }

    @Test
    void suspendedPortalResumesInsideATransaction() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            assertThat(
                            connection
                                    .exchange(FrontendMessages.query("begin"))
                                    .get(1)
                                    .transactionStatus())
                    .isEqualTo('T');
            List<BackendMessage> first =
                    connection.exchange(
                            FrontendMessages.parse("", "select * from series(5)", List.of()),
                            FrontendMessages.bind("c", "", List.of(), PgFormat.TEXT),
                            FrontendMessages.execute("c", 2),
                            FrontendMessages.sync());
            assertThat(types(first)).containsExactly('1', '2', 'D', 'D', 's', 'Z');
            assertThat(first.get(5).transactionStatus()).isEqualTo('T');

            List<BackendMessage> rest =
                    connection.exchange(FrontendMessages.execute("c", 0), FrontendMessages.sync());
            assertThat(types(rest)).containsExactly('D', 'D', 'D', 'C', 'Z');
            assertThat(rest.stream().limit(3).map(m -> m.textValues().get(0)))
                    .containsExactly("3", "4", "5");
            assertThat(rest.get(3).tag()).isEqualTo("SELECT 3");
            assertThat(events.executions).hasValue(2);

            List<BackendMessage> commit = connection.exchange(FrontendMessages.query("commit"));
            assertThat(types(commit)).containsExactly('C', 'Z');
            assertThat(commit.get(1).transactionStatus()).isEqualTo('I');
        }
    }

    @Test
    void binaryResultFormatIsHonoured() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            List<BackendMessage> answer =
                    connection.exchange(
                            FrontendMessages.parse("", "select 258", List.of()),
                            FrontendMessages.bind("", "", List.of(), PgFormat.BINARY),
                            FrontendMessages.execute("", 0),
                            FrontendMessages.sync());
            assertThat(types(answer)).containsExactly('1', '2', 'D', 'C', 'Z');
            // One column, length 4, big-endian 258.
            assertThat(answer.get(2).body()).containsExactly(0, 1, 0, 0, 0, 4, 0, 0, 1, 2);
        }
    }

    @Test
    void errorInExtendedProtocolSkipsToSync() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            List<BackendMessage> answer =
                    connection.exchange(
                            FrontendMessages.parse("", "select broken", List.of()),
                            FrontendMessages.bind("", "", List.of(), PgFormat.TEXT),
                            FrontendMessages.execute("", 0),
                            FrontendMessages.parse("", "select 1", List.of()),
                            FrontendMessages.bind("", "", List.of(), PgFormat.TEXT),
                            FrontendMessages.execute("", 0),
                            FrontendMessages.sync());
            assertThat(types(answer)).containsExactly('1', '2', 'E', 'Z');
            assertThat(answer.get(2).fields())
                    .containsEntry('S', "ERROR")
                    .containsEntry('C', "42703")
                    .containsEntry('P', "8");
            assertThat(events.executions).hasValue(1);

            List<BackendMessage> after =
                    connection.exchange(
                            FrontendMessages.parse("", "select 1", List.of()),
                            FrontendMessages.bind("", "", List.of(), PgFormat.TEXT),
                            FrontendMessages.execute("", 0),
                            FrontendMessages.sync());
            assertThat(types(after)).containsExactly('1', '2', 'D', 'C', 'Z');
        }
    }

    @Test
    void bindToAMissingStatementIsAnErrorUntilSync() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            List<BackendMessage> answer =
                    connection.exchange(
                            FrontendMessages.bind("", "nope", List.of(), PgFormat.TEXT),
                            FrontendMessages.describe('P', ""),
                            FrontendMessages.sync());
            assertThat(types(answer)).containsExactly('E', 'Z');
            assertThat(answer.get(0).sqlState()).isEqualTo(PgSqlState.INVALID_SQL_STATEMENT_NAME);
        }
    }

    @Test
    void readyForQueryTracksTransactionBlocks() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            assertThat(status(connection, "begin")).isEqualTo('T');
            assertThat(status(connection, "insert into t values (1)")).isEqualTo('T');
            assertThat(status(connection, "commit")).isEqualTo('I');

            assertThat(status(connection, "start transaction")).isEqualTo('T');
            List<BackendMessage> failed =
                    connection.exchange(FrontendMessages.query("select broken"));
            assertThat(types(failed)).containsExactly('E', 'Z');
            assertThat(failed.get(1).transactionStatus()).isEqualTo('E');

            int executions = events.executions.get();
            List<BackendMessage> ignored = connection.exchange(FrontendMessages.query("select 1"));
            assertThat(ignored.get(0).sqlState()).isEqualTo(PgSqlState.IN_FAILED_SQL_TRANSACTION);
            assertThat(ignored.get(1).transactionStatus()).isEqualTo('E');
            assertThat(events.executions).hasValue(executions);

            List<BackendMessage> rollback = connection.exchange(FrontendMessages.query("rollback"));
            assertThat(types(rollback)).containsExactly('C', 'Z');
            assertThat(rollback.get(0).tag()).isEqualTo("ROLLBACK");
            assertThat(rollback.get(1).transactionStatus()).isEqualTo('I');
        }
    }

    @Test
    void failedTransactionInExtendedProtocolReportsE() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            List<BackendMessage> answer =
                    connection.exchange(
                            FrontendMessages.parse("", "begin", List.of()),
                            FrontendMessages.bind("", "", List.of(), PgFormat.TEXT),
                            FrontendMessages.execute("", 0),
                            FrontendMessages.parse("", "select boom()", List.of()),
                            FrontendMessages.bind("", "", List.of(), PgFormat.TEXT),
                            FrontendMessages.execute("", 0),
                            FrontendMessages.sync());
            assertThat(types(answer)).containsExactly('1', '2', 'C', '1', '2', 'E', 'Z');
            assertThat(answer.get(5).sqlState()).isEqualTo(PgSqlState.INTERNAL_ERROR);
            assertThat(answer.get(6).transactionStatus()).isEqualTo('E');
        }
    }

    @Test
    void closeRemovesStatementsAndPortals() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            List<BackendMessage> answer =
                    connection.exchange(
                            FrontendMessages.parse("s", "select 7", List.of()),
                            FrontendMessages.bind("p", "s", List.of(), PgFormat.TEXT),
                            FrontendMessages.close('P', "p"),
                            FrontendMessages.close('S', "s"),
                            // Closing what does not exist is not an error.
                            FrontendMessages.close('S', "never"),
                            FrontendMessages.sync());
            assertThat(types(answer)).containsExactly('1', '2', '3', '3', '3', 'Z');

            List<BackendMessage> gone =
                    connection.exchange(
                            FrontendMessages.bind("p", "s", List.of(), PgFormat.TEXT),
                            FrontendMessages.sync());
            assertThat(types(gone)).containsExactly('E', 'Z');
            assertThat(gone.get(0).fields().get('M'))
                    .isEqualTo("prepared statement \"s\" does not exist");
        }
    }

    @Test
    void duplicateNamedStatementIsRefused() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            List<BackendMessage> answer =
                    connection.exchange(
                            FrontendMessages.parse("s", "select 1", List.of()),
                            FrontendMessages.parse("s", "select 2", List.of()),
                            FrontendMessages.sync());
            assertThat(types(answer)).containsExactly('1', 'E', 'Z');
            assertThat(answer.get(1).sqlState()).isEqualTo(PgSqlState.DUPLICATE_PREPARED_STATEMENT);
        }
    }

    @Test
    void flushSendsWhatIsPendingWithoutReadyForQuery() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            connection.send(FrontendMessages.parse("", "select 1", List.of()));
            connection.send(FrontendMessages.describe('S', ""));
            List<BackendMessage> flushed = connection.exchange(FrontendMessages.flush());
            assertThat(types(flushed)).containsExactly('1', 't', 'T');
            assertThat(types(connection.exchange(FrontendMessages.sync()))).containsExactly('Z');
        }
    }

    @Test
    void terminateClosesTheConnectionAndTheSession() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            List<BackendMessage> answer = connection.exchange(FrontendMessages.terminate());
            assertThat(answer).isEmpty();
            assertThat(connection.channel.isOpen()).isFalse();
            assertThat(events.closedSessions).hasValue(1);
        }
    }

    @Test
    void setReportsTheChangedParameter() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            List<BackendMessage> answer =
                    connection.exchange(FrontendMessages.query("set application_name = 'etl'"));
            assertThat(types(answer)).containsExactly('C', 'S', 'Z');
            assertThat(answer.get(1).parameter()).isEqualTo(Map.entry("application_name", "etl"));
        }
    }

    @Test
    void warningsArriveAsNoticeResponse() {
        try (EmbeddedConnection connection = EmbeddedConnection.ready(events)) {
            List<BackendMessage> answer =
                    connection.exchange(FrontendMessages.query("select warn()"));
            assertThat(types(answer)).containsExactly('C', 'N', 'Z');
            assertThat(answer.get(1).fields())
                    .containsEntry('S', "WARNING")
                    .containsEntry('M', "this is a warning");
        }
    }

    private static char status(EmbeddedConnection connection, String sql) {
        List<BackendMessage> answer = connection.exchange(FrontendMessages.query(sql));
        assertThat(types(answer)).containsExactly('C', 'Z');
        return answer.get(1).transactionStatus();
    }

    private EmbeddedConnection scramConnection(Map<String, ScramCredentials> users) {
        PgCredentialStore store = user -> Optional.ofNullable(users.get(user));
        return new EmbeddedConnection(
                PgServerConfig.scram("127.0.0.1", 0, store, FakeSession.factory(events)));
    }

    /** The client side of SCRAM-SHA-256 (RFC 5802), with a fixed nonce. */
    private static final class ScramClient {
        private final String password;
        private final String clientFirstBare = "n=,r=" + CLIENT_NONCE;
        private String expectedServerFinal;

        ScramClient(String password) {
            this.password = password;
        }

        String clientFirst() {
            return "n,," + clientFirstBare;
        }

        String clientFinal(String serverFirst) {
            Map<Character, String> attributes = new LinkedHashMap<>();
            for (String part : serverFirst.split(",")) {
                attributes.put(part.charAt(0), part.substring(2));
            }
            byte[] salt = Base64.getDecoder().decode(attributes.get('s'));
            int iterations = Integer.parseInt(attributes.get('i'));
            String withoutProof =
                    "c="
                            + Base64.getEncoder().encodeToString("n,,".getBytes(UTF_8))
                            + ",r="
                            + attributes.get('r');
            String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
            byte[] saltedPassword = Scram.saltedPassword(password, salt, iterations);
            byte[] clientKey = Scram.hmac(saltedPassword, "Client Key");
            byte[] clientSignature = Scram.hmac(Scram.sha256(clientKey), authMessage);
            byte[] serverKey = Scram.hmac(saltedPassword, "Server Key");
            expectedServerFinal =
                    "v=" + Base64.getEncoder().encodeToString(Scram.hmac(serverKey, authMessage));
            return withoutProof
                    + ",p="
                    + Base64.getEncoder().encodeToString(Scram.xor(clientKey, clientSignature));
        }

        String expectedServerFinal() {
            return expectedServerFinal;
        }
    }
}
