package io.sluice.server;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sluice} command line. */
@Command(
        name = "sluice",
        mixinStandardHelpOptions = true,
        versionProvider = SluiceVersion.class,
        description =
                "Streaming SQL server: Kafka to Parquet on a lake, queried over the PostgreSQL"
                        + " protocol.",
        subcommands = {DevCommand.class, ServerCommand.class, KeysCommand.class})
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int exitCode = new CommandLine(new Main()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
