package io.sluice.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.testing.EmbeddedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The end-to-end benchmark command: starts a broker, preloads the workload, runs every scenario on
 * Sluice and on Flink SQL, one engine JVM at a time, and writes the report.
 *
 * <p>Options: {@code --quick} (200,000 events), {@code --events N} (default 5,000,000), {@code
 * --parallelism 1,2}, {@code --sinks blackhole,parquet}, {@code --engines sluice,flink}, {@code
 * --flink-classpath FILE} (the peer's classpath, its jar first), {@code --results DIR}, {@code
 * --work DIR}, {@code --heap 2g}, {@code --seed N}.
 */
public final class BenchmarkMain {
    private static final long FULL_EVENTS = 5_000_000;
    private static final long QUICK_EVENTS = 200_000;
    private static final String TOPIC = "analytics";
    private static final int PARTITIONS = 2;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(30);

    private BenchmarkMain() {}

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Map<String, String> options = parse(args);
        long events =
                Long.parseLong(
                        options.getOrDefault(
                                "events",
                                String.valueOf(
                                        options.containsKey("quick")
                                                ? QUICK_EVENTS
                                                : FULL_EVENTS)));
        List<Integer> parallelisms = new ArrayList<>();
        for (String p : options.getOrDefault("parallelism", "1,2").split(",")) {
            parallelisms.add(Integer.parseInt(p.trim()));
        }
        List<SinkKind> sinks = new ArrayList<>();
        for (String sink : options.getOrDefault("sinks", "blackhole,parquet").split(",")) {
            sinks.add(SinkKind.valueOf(sink.trim().toUpperCase(Locale.ROOT)));
        }
        List<String> engineNames =
                List.of(options.getOrDefault("engines", "sluice,flink").split(","));
        Path results = Path.of(options.getOrDefault("results", "results"));
        Path work = Path.of(options.getOrDefault("work", "target/bench-work")).toAbsolutePath();
        String heap = options.getOrDefault("heap", "2g");
        long seed = Long.parseLong(options.getOrDefault("seed", "42"));

        deleteRecursively(work);
        Files.createDirectories(work);
        List<EngineRunner> engines = new ArrayList<>();
        for (String name : engineNames) {
            switch (name.trim()) {
                case "sluice" ->
                        engines.add(
                                new SluiceRunner(
                                        System.getProperty("java.class.path"),
                                        heap,
                                        work,
                                        RUN_TIMEOUT));
                case "flink" -> {
                    String file = options.get("flink-classpath");
                    if (file == null) {
                        throw new IllegalArgumentException(
                                "--flink-classpath is required to run flink");
                    }
                    engines.add(
                            new FlinkRunner(
                                    Files.readString(Path.of(file), UTF_8).trim(),
                                    heap,
                                    work,
                                    RUN_TIMEOUT));
                }
                default -> throw new IllegalArgumentException("unknown engine " + name);
            }
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (SinkKind sink : sinks) {
            for (int parallelism : parallelisms) {
                scenarios.add(Scenario.of(sink, parallelism));
            }
        }

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("Started", Instant.now().toString());
        environment.put("CPUs", String.valueOf(Runtime.getRuntime().availableProcessors()));
        environment.put("Load average at start (1/5/15 min)", loadAverage());
        environment.put(
                "JVM",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        environment.put(
                "Run",
                options.containsKey("quick")
                        ? "quick: a smoke test dominated by JIT warm-up, not a result"
                        : "full");
        environment.put("Engine heap", heap);
        environment.put(
                "Warm-up",
                "none: each run is a fresh engine JVM; the event count amortises JIT warm-up");
        List<RunResult> runs;
        Workload workload;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            workload = new WorkloadLoader(kafka, seed).load(TOPIC, PARTITIONS, events);
            runs = new BenchmarkSuite(engines, scenarios).run(workload);
        }
        environment.put("Load average at end (1/5/15 min)", loadAverage());
        environment.put(
                "Note",
                "the broker runs in the harness JVM; CPU and RSS are those of each engine's own"
                        + " JVM; on a shared host compare events per CPU-second");
        String markdown = new Report(workload, runs, environment).write(results);
        System.out.println(markdown);
        List<String> problems = BenchmarkSuite.disagreements(workload, runs);
        problems.forEach(problem -> System.out.println("CHECK FAILED: " + problem));
        boolean failed = runs.stream().anyMatch(r -> r.status() == RunResult.Status.FAILED);
        System.exit(problems.isEmpty() && !failed ? 0 : 1);
    }

    private static String loadAverage() {
        try {
            String[] fields =
                    Files.readString(Path.of("/proc/loadavg"), UTF_8).trim().split("\\s+");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            if (name.equals("quick")) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
        return options;
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
