package io.sluice.benchmarks.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TestOptions {
    @Test
    void valuesFlagsAndEqualsForms() {
        Map<String, String> options =
                Options.parse(new String[] {"--threads", "8", "--check", "--seconds=3"});
        assertThat(options)
                .containsEntry("threads", "8")
                .containsEntry("check", "true")
                .containsEntry("seconds", "3");
        assertThatThrownBy(() -> Options.required(options, "results"))
                .hasMessage("--results is required");
        assertThat(Options.javaOptions(options)).isEmpty();
        assertThat(
                        Options.javaOptions(
                                Options.parse(
                                        new String[] {
                                            "--server-java-options", " -Xss2m  -XX:+UseG1GC "
                                        })))
                .containsExactly("-Xss2m", "-XX:+UseG1GC");
        assertThatThrownBy(() -> Options.parse(new String[] {"stray"}))
                .hasMessage("unexpected argument: stray");
    }

    @Test
    void ownProcessFiguresAreReadable() {
        long pid = ProcessHandle.current().pid();
        assertThat(OsProcesses.cpuNanos(pid)).isPositive();
        assertThat(OsProcesses.statusBytes(pid, "VmRSS:")).isPositive();
        assertThat(OsProcesses.machine()).contains("cores");
    }
}
