package io.sluice.testing;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.slf4j.LoggerFactory;

/**
 * Turns the embedded services' own loggers down to WARN, so that test output and the dev server's
 * console show Sluice's lines rather than thousands of broker and database lines.
 *
 * <p>Only loggers that the running logging configuration does not name are changed: a {@code
 * log4j2.xml} that sets {@code org.apache.kafka} to DEBUG wins. Setting the system property {@code
 * sluice.testing.verbose=true} leaves every level alone.
 */
final class QuietLogging {
    // Benign on a fresh single-node cluster, logged at WARN on every start.
    private static final List<String> STARTUP_WARNING_LOGGERS =
            List.of("org.apache.kafka.controller.QuorumController");

    private static final List<String> NOISY_LOGGERS =
            List.of(
                    "kafka",
                    "org.apache.kafka",
                    "state.change.logger",
                    "io.zonky.test",
                    "org.gaul.s3proxy",
                    "org.eclipse.jetty");

    private static boolean applied;

    private QuietLogging() {}

    static synchronized void apply() {
        if (applied || Boolean.getBoolean("sluice.testing.verbose")) {
            return;
        }
        applied = true;
        try {
            if (!LoggerFactory.getILoggerFactory()
                    .getClass()
                    .getName()
                    .startsWith("org.apache.logging.slf4j")) {
                return;
            }
            if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
                return;
            }
            Configuration configuration = context.getConfiguration();
            for (String name : NOISY_LOGGERS) {
                if (!configuration.getLoggers().containsKey(name)) {
                    Configurator.setLevel(name, Level.WARN);
                }
            }
            for (String name : STARTUP_WARNING_LOGGERS) {
                if (!configuration.getLoggers().containsKey(name)) {
                    Configurator.setLevel(name, Level.ERROR);
                }
            }
        } catch (LinkageError e) {
            // Log4j 2 is not on the class path: whatever backend is there keeps its settings.
        }
    }
}
