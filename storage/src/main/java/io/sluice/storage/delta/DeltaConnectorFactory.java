package io.sluice.storage.delta;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.OptionSpec;
import io.sluice.executor.spi.Sink;
import io.sluice.executor.spi.SinkContext;
import io.sluice.executor.spi.TableRole;
import io.sluice.storage.filesystem.FilesystemConnectorFactory;
import io.sluice.storage.filesystem.FilesystemSink;
import io.sluice.storage.s3.S3Clients;
import io.sluice.storage.s3.S3TableLocation;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The {@code delta} connector: writes a table as Parquet files, like {@code filesystem}, and
 * records them in a Delta Lake log, one commit per completed checkpoint and sink subtask. The table
 * is created from the query's schema when missing, partitioned by {@code partitioning.fields}. On
 * S3 the log is written by {@link S3DeltaTableCommitter}.
 */
public final class DeltaConnectorFactory implements ConnectorFactory {
    public static final String NAME = "delta";

    private final FilesystemConnectorFactory files = new FilesystemConnectorFactory();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<OptionSpec> options() {
        return files.options();
    }

    @Override
    public List<TableRole> roles() {
        return List.of(TableRole.SINK);
    }

    @Override
    public Sink createSink(SinkContext context) {
        Optional<Path> directory = FilesystemConnectorFactory.localDirectory(context.options());
        if (directory.isEmpty()) {
            S3TableLocation location =
                    FilesystemConnectorFactory.s3Location(context.options()).orElseThrow();
            S3Client client = S3Clients.create(location.settings());
            try {
                return FilesystemSink.open(
                        context,
                        S3DeltaTableCommitter.open(
                                new S3DeltaLog(client, location),
                                client,
                                appId(context),
                                DeltaSchemas.toDelta(context.schema()),
                                FilesystemConnectorFactory.partitionFields(context.options())));
            } catch (RuntimeException e) {
                client.close();
                throw e;
            }
        }
        Engine engine = DefaultEngine.create(new org.apache.hadoop.conf.Configuration());
        DeltaTableCommitter committer =
                DeltaTableCommitter.open(
                        engine,
                        directory.get().toUri().toString().replaceAll("/+$", ""),
                        appId(context),
                        DeltaSchemas.toDelta(context.schema()),
                        FilesystemConnectorFactory.partitionFields(context.options()));
        return FilesystemSink.open(context, committer);
    }

    /**
     * The Delta transaction id of one sink subtask: its commits carry the checkpoint epoch as
     * version.
     */
    static String appId(SinkContext context) {
        return "sluice/"
                + context.pipeline()
                + "/"
                + context.operatorId()
                + "/"
                + context.subtask();
    }
}
