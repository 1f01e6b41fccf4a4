package io.sluice.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * Writes the results of a suite as CSV (one line per engine and scenario), as a Markdown table with
 * the Sluice/Flink ratios, and as bar charts (PNG). Cells of runs without figures say why instead
 * of showing numbers.
 */
public final class Report {
    public static final String CSV_FILE = "results.csv";
    public static final String MARKDOWN_FILE = "results.md";
    public static final String CPU_CHART_FILE = "events-per-cpu-second.png";
    public static final String WALL_CHART_FILE = "events-per-second.png";

    private static final String SLUICE = "sluice";
    private static final String PEER = "flink";

    private final Workload workload;
    private final List<RunResult> results;
    private final Map<String, String> environment;

    /**
     * @param environment facts printed above the table (host, load, JVM, ...), in order
     */
    public Report(Workload workload, List<RunResult> results, Map<String, String> environment) {
        this.workload = requireNonNull(workload, "workload is null");
        this.results = List.copyOf(results);
        this.environment = new LinkedHashMap<>(environment);
    }

    /** Writes every file into {@code directory} and returns the Markdown text. */
    public String write(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(CSV_FILE), csv(), UTF_8);
            String markdown = markdown();
            Files.writeString(directory.resolve(MARKDOWN_FILE), markdown, UTF_8);
            writeChart(
                    directory.resolve(CPU_CHART_FILE),
                    "Events per CPU-second of the engine process",
                    RunResult::eventsPerCpuSecond);
            writeChart(
                    directory.resolve(WALL_CHART_FILE),
                    "Events per second of net run time",
                    RunResult::eventsPerSecond);
            return markdown;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String csv() {
        StringBuilder csv =
                new StringBuilder(
                        "scenario,sink,parallelism,engine,status,input_events,net_ms,cpu_ms,"
                                + "events_per_s,events_per_cpu_s,peak_rss_bytes,output_rows,"
                                + "output_checksum,output_files,output_bytes,detail\n");
        for (RunResult result : results) {
            Scenario scenario = result.scenario();
            boolean done = result.completed();
            csv.append(scenario.name())
                    .append(',')
                    .append(scenario.sink().label())
                    .append(',')
                    .append(scenario.parallelism())
                    .append(',')
                    .append(result.engine())
                    .append(',')
                    .append(result.status().name().toLowerCase(Locale.ROOT))
                    .append(',')
                    .append(done ? String.valueOf(result.inputEvents()) : "")
                    .append(',')
                    .append(done ? String.valueOf(result.netMillis()) : "")
                    .append(',')
                    .append(done ? String.valueOf(result.cpuNanos() / 1_000_000) : "")
                    .append(',')
                    .append(plain(result.eventsPerSecond()))
                    .append(',')
                    .append(plain(result.eventsPerCpuSecond()))
                    .append(',')
                    .append(done && result.peakRssBytes() >= 0 ? result.peakRssBytes() : "")
                    .append(',')
                    .append(plain(result.output().rows()))
                    .append(',')
                    .append(plain(result.output().checksum()))
                    .append(',')
                    .append(done ? String.valueOf(result.output().files()) : "")
                    .append(',')
                    .append(done ? String.valueOf(result.output().bytes()) : "")
                    .append(',')
                    .append('"')
                    .append(result.detail().replace('"', '\'').replace('\n', ' '))
                    .append('"')
                    .append('\n');
        }
        return csv.toString();
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Sluice beside Flink SQL\n\n");
        md.append(
                String.format(
                        Locale.ROOT,
                        "Workload: %,d events (%,.1f MB of JSON, %,d `account_created`) in topic"
                                + " `%s` with %d partitions.%n%n",
                        workload.events(),
                        workload.bytes() / 1e6,
                        workload.matchingEvents(),
                        workload.topic(),
                        workload.partitions()));
        environment.forEach(
                (key, value) ->
                        md.append("- ").append(key).append(": ").append(value).append('\n'));
        md.append('\n');
        md.append(
                "| Scenario | Engine | Events/s | Events/CPU-s | Sluice/Flink (CPU-s) |"
                    + " Sluice/Flink (wall) | Peak RSS MB | Output rows | Files | Output MB |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (RunResult result : results) {
            md.append("| ")
                    .append(result.scenario().name())
                    .append(" | ")
                    .append(result.engine())
                    .append(" | ");
            if (!result.completed()) {
                String why = result.status().name().toLowerCase(Locale.ROOT).replace('_', ' ');
                md.append(why).append(" | ").append(why).append(" | ");
                md.append(ratioCell(result, RunResult::eventsPerCpuSecond)).append(" | ");
                md.append(ratioCell(result, RunResult::eventsPerSecond)).append(" | ");
                md.append(" |  |  |  |\n");
                continue;
            }
            md.append(thousands(result.eventsPerSecond()))
                    .append(" | ")
                    .append(thousands(result.eventsPerCpuSecond()))
                    .append(" | ")
                    .append(ratioCell(result, RunResult::eventsPerCpuSecond))
                    .append(" | ")
                    .append(ratioCell(result, RunResult::eventsPerSecond))
                    .append(" | ")
                    .append(
                            result.peakRssBytes() >= 0
                                    ? String.valueOf(result.peakRssBytes() >> 20)
                                    : "")
                    .append(" | ")
                    .append(
                            result.scenario().sink() == SinkKind.BLACKHOLE
                                    ? "discarded"
                                    : plain(result.output().rows()))
                    .append(" | ")
                    .append(result.output().files())
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", result.output().bytes() / 1e6))
                    .append(" |\n");
        }
        List<String> notes = new ArrayList<>();
        for (RunResult result : results) {
            if (!result.detail().isEmpty()) {
                notes.add(
                        "- "
                                + result.engine()
                                + " "
                                + result.scenario().name()
                                + ": "
                                + result.detail().replace('\n', ' '));
            }
        }
        if (!notes.isEmpty()) {
            md.append('\n').append(String.join("\n", notes)).append('\n');
        }
        return md.toString();
    }

    /** The Sluice/Flink ratio, shown on the Sluice row of a scenario. */
    private String ratioCell(RunResult result, Function<RunResult, OptionalDouble> figure) {
        if (!result.engine().equals(SLUICE)) {
            return "";
        }
        if (!result.completed()) {
            return "pending";
        }
        Optional<RunResult> peer = find(PEER, result.scenario());
        if (peer.isEmpty() || !peer.get().completed()) {
            return "";
        }
        OptionalDouble mine = figure.apply(result);
        OptionalDouble theirs = figure.apply(peer.get());
        if (mine.isEmpty() || theirs.isEmpty() || theirs.getAsDouble() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2f×", mine.getAsDouble() / theirs.getAsDouble());
    }

    private Optional<RunResult> find(String engine, Scenario scenario) {
        return results.stream()
                .filter(r -> r.engine().equals(engine) && r.scenario().equals(scenario))
                .findFirst();
    }

    private void writeChart(Path file, String title, Function<RunResult, OptionalDouble> figure)
            throws IOException {
        List<String> scenarios = new ArrayList<>();
        List<String> engines = new ArrayList<>();
        for (RunResult result : results) {
            if (!scenarios.contains(result.scenario().name())) {
                scenarios.add(result.scenario().name());
            }
            if (!engines.contains(result.engine())) {
                engines.add(result.engine());
            }
        }
        CategoryChart chart =
                new CategoryChartBuilder()
                        .width(900)
                        .height(500)
                        .title(title)
                        .xAxisTitle("scenario")
                        .yAxisTitle("events")
                        .build();
        chart.getStyler().setLegendVisible(true);
        for (String engine : engines) {
            List<Double> values = new ArrayList<>();
            for (String scenario : scenarios) {
                // A run without figures is drawn as an empty bar, never as a number.
                values.add(
                        results.stream()
                                .filter(
                                        r ->
                                                r.engine().equals(engine)
                                                        && r.scenario().name().equals(scenario))
                                .findFirst()
                                .flatMap(r -> boxed(figure.apply(r)))
                                .orElse(0.0));
            }
            chart.addSeries(engine, scenarios, values);
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static Optional<Double> boxed(OptionalDouble value) {
        return value.isPresent() ? Optional.of(value.getAsDouble()) : Optional.empty();
    }

    private static String plain(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.0f", value.getAsDouble()) : "";
    }

    private static String plain(OptionalLong value) {
        return value.isPresent() ? String.valueOf(value.getAsLong()) : "";
    }

    private static String thousands(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%,.0f", value.getAsDouble()) : "";
    }
}
