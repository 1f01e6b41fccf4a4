package io.sluice.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts an engine in a JVM of its own, so that its CPU time and resident memory are its alone, and
 * reads the one line starting with {@value #RESULT_PREFIX} it prints on standard output as {@code
 * key=value} pairs. Standard error goes to a log file next to the run's output.
 */
public final class ChildJvm {
    public static final String RESULT_PREFIX = "RESULT ";

    private final String classpath;
    private final List<String> jvmOptions;
    private final Duration timeout;

    public ChildJvm(String classpath, List<String> jvmOptions, Duration timeout) {
        this.classpath = requireNonNull(classpath, "classpath is null");
        this.jvmOptions = List.copyOf(jvmOptions);
        this.timeout = requireNonNull(timeout, "timeout is null");
    }

    /** The JVM running this code: engines run on the same Java as the harness. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Runs {@code mainClass} with {@code arguments} to completion.
     *
     * @return the figures of its result line
     * @throws ChildJvmException when it fails, times out or prints no result
     */
    public Map<String, String> run(String mainClass, List<String> arguments, Path errorLog) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(classpath);
        command.add(mainClass);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errorLog.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ChildJvmException("cannot start " + mainClass, e);
        }
        try {
            Optional<String> result = readResultLine(process);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ChildJvmException(mainClass + " did not end within " + timeout);
            }
            if (process.exitValue() != 0) {
                throw new ChildJvmException(
                        mainClass + " exited with " + process.exitValue() + ", see " + errorLog);
            }
            return parse(
                    result.orElseThrow(
                            () ->
                                    new ChildJvmException(
                                            mainClass + " printed no result, see " + errorLog)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildJvmException("interrupted while waiting for " + mainClass, e);
        } finally {
            process.destroyForcibly();
        }
    }

    private Optional<String> readResultLine(Process process) {
        // Reading ends when the child closes its output, which a hung child never does: a
        // watchdog ends it at the deadline.
        Thread watchdog =
                new Thread(
                        () -> {
                            try {
                                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                                    process.destroyForcibly();
                                }
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "child-jvm-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        String result = null;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(RESULT_PREFIX)) {
                    result = line;
                }
            }
        } catch (IOException e) {
            throw new ChildJvmException("cannot read the output of the engine", e);
        } finally {
            watchdog.interrupt();
        }
        return Optional.ofNullable(result);
    }

    static Map<String, String> parse(String resultLine) {
        Map<String, String> figures = new HashMap<>();
        for (String pair : resultLine.substring(RESULT_PREFIX.length()).trim().split("\\s+")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new ChildJvmException("malformed result: " + resultLine);
            }
            figures.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return figures;
    }

    /** An engine JVM failed, hung or printed no result. */
    public static final class ChildJvmException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ChildJvmException(String message) {
            super(message);
        }

        ChildJvmException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Reads a figure, failing with the whole result in the message when it is missing. */
    static long figure(Map<String, String> figures, String key) {
        String value = figures.get(key);
        if (value == null) {
            throw new ChildJvmException("result has no " + key + ": " + new HashMap<>(figures));
        }
        return Long.parseLong(value);
    }
}
