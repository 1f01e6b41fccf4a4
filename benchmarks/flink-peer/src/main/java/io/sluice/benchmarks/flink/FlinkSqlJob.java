package io.sluice.benchmarks.flink;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;

/**
 * Runs one benchmark scenario on Flink SQL in a local MiniCluster inside this JVM and prints one
 * {@code RESULT} line with the job's net runtime, the CPU time this process spent while the job ran
 * and its peak resident set size.
 *
 * <p>The query is the one Sluice runs: keep {@code account_created} events and project the fields
 * of the sink, with {@code JSON_VALUE(properties, '$.x')} as the spelling of Sluice's {@code
 * properties->>'x'} (both return the member as text, or null when it is absent or not a scalar).
 * The source is bounded to the end offsets at start, so the job ends by itself.
 *
 * <p>Usage: {@code FlinkSqlJob key=value...} with keys {@code bootstrap}, {@code topic}, {@code
 * sink} ({@code blackhole} or {@code parquet}), {@code parallelism}, {@code output} (sink
 * directory), {@code checkpoints} (checkpoint directory) and {@code checkpointMillis}.
 */
public final class FlinkSqlJob {
    private static final String RESULT_PREFIX = "RESULT ";

    private FlinkSqlJob() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> arguments = parse(args);
        String bootstrap = required(arguments, "bootstrap");
        String topic = required(arguments, "topic");
        String sink = required(arguments, "sink");
        int parallelism = Integer.parseInt(required(arguments, "parallelism"));
        Path checkpoints = Path.of(required(arguments, "checkpoints")).toAbsolutePath();
        long checkpointMillis = Long.parseLong(required(arguments, "checkpointMillis"));

        Map<String, String> conf = new HashMap<>();
        conf.put("parallelism.default", String.valueOf(parallelism));
        conf.put("taskmanager.numberOfTaskSlots", String.valueOf(parallelism));
        conf.put("execution.runtime-mode", "STREAMING");
        // The filesystem sink commits its files on checkpoints only.
        conf.put("execution.checkpointing.interval", checkpointMillis + "ms");
        conf.put("execution.checkpointing.dir", checkpoints.toUri().toString());
        conf.put("rest.bind-port", "0");
        TableEnvironment tables =
                TableEnvironment.create(
                        EnvironmentSettings.newInstance()
                                .inStreamingMode()
                                .withConfiguration(Configuration.fromMap(conf))
                                .build());

        tables.executeSql(
                "CREATE TABLE events ("
                        + " id STRING,"
                        + " `timestamp` TIMESTAMP_LTZ(3),"
                        + " ip STRING,"
                        + " user_id STRING,"
                        + " platform STRING,"
                        + " app_version STRING,"
                        + " type STRING,"
                        // A nested object read into a STRING column keeps its JSON text.
                        + " properties STRING"
                        + ") WITH ("
                        + " 'connector' = 'kafka',"
                        + " 'topic' = '"
                        + topic
                        + "',"
                        + " 'properties.bootstrap.servers' = '"
                        + bootstrap
                        + "',"
                        + " 'properties.group.id' = 'flink-bench-"
                        + System.nanoTime()
                        + "',"
                        + " 'scan.startup.mode' = 'earliest-offset',"
                        + " 'scan.bounded.mode' = 'latest-offset',"
                        + " 'format' = 'json',"
                        + " 'json.timestamp-format.standard' = 'ISO-8601'"
                        + ")");
        tables.executeSql(sinkDdl(sink, arguments));

        TableResult result =
                tables.executeSql(
                        "INSERT INTO account_created_sink SELECT"
                                + " id, `timestamp`, ip, user_id, platform, app_version,"
                                + " JSON_VALUE(properties, '$.signup_method') AS signup_method,"
                                + " JSON_VALUE(properties, '$.campaign_id') AS campaign_id,"
                                + " JSON_VALUE(properties, '$.product') AS product"
                                + " FROM events WHERE type = 'account_created'");
        // Planning is over once the job is submitted; from here on the CPU is the job's.
        long cpuStart = processCpuNanos();
        JobExecutionResult execution =
                result.getJobClient().orElseThrow().getJobExecutionResult().get();
        long cpuNanos = processCpuNanos() - cpuStart;

        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("netMillis", String.valueOf(execution.getNetRuntime()));
        figures.put("cpuNanos", String.valueOf(cpuNanos));
        figures.put("peakRssBytes", String.valueOf(peakRssBytes()));
        StringBuilder line = new StringBuilder(RESULT_PREFIX);
        figures.forEach((key, value) -> line.append(key).append('=').append(value).append(' '));
        System.out.println(line.toString().trim());
        System.out.flush();
        // The MiniCluster leaves non-daemon threads behind.
        System.exit(0);
    }

    private static String sinkDdl(String sink, Map<String, String> arguments) {
        String columns =
                "CREATE TABLE account_created_sink ("
                        + " id STRING,"
                        + " `timestamp` TIMESTAMP_LTZ(3),"
                        + " ip STRING,"
                        + " user_id STRING,"
                        + " platform STRING,"
                        + " app_version STRING,"
                        + " signup_method STRING,"
                        + " campaign_id STRING,"
                        + " product STRING"
                        + ") WITH (";
        switch (sink.toLowerCase(Locale.ROOT)) {
            case "blackhole":
                return columns + " 'connector' = 'blackhole')";
            case "parquet":
                Path output = Path.of(required(arguments, "output")).toAbsolutePath();
                return columns
                        + " 'connector' = 'filesystem',"
                        + " 'path' = '"
                        + output.toUri()
                        + "',"
                        + " 'format' = 'parquet',"
                        + " 'parquet.compression' = 'ZSTD',"
                        + " 'sink.rolling-policy.file-size' = '128MB')";
            default:
                throw new IllegalArgumentException("unknown sink " + sink);
        }
    }

    private static long processCpuNanos() {
        // Read from the kernel's per-process accounting, in clock ticks.
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos();
    }

    /** VmHWM of this process: the most memory it has held resident, or -1 when unknown. */
    private static long peakRssBytes() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"), UTF_8);
            for (String line : lines) {
                if (line.startsWith("VmHWM:")) {
                    String kilobytes = line.substring("VmHWM:".length()).replace("kB", "").trim();
                    return Long.parseLong(kilobytes) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not on Linux: reported as unknown.
        }
        return -1;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> arguments = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("expected key=value, got " + arg);
            }
            arguments.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        return arguments;
    }

    private static String required(Map<String, String> arguments, String key) {
        String value = arguments.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing argument " + key);
        }
        return value;
    }
}
