package io.sluice.storage.delta;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import io.sluice.executor.spi.ConnectorFactory;
import io.sluice.executor.spi.OptionSpec;
import io.sluice.executor.spi.Sink;
import io.sluice.executor.spi.SinkContext;
import io.sluice.executor.spi.TableRole;
import io.sluice.storage.filesystem.FilesystemConnectorFactory;
import io.sluice.storage.filesystem.FilesystemSink;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code delta} connector: writes a table as Parquet files, like {@code filesystem}, and
 * records them in a Delta Lake log, one commit per completed checkpoint and sink subtask. The table
 * is created from the query's schema when missing, partitioned by {@code partitioning.fields}.
 * Local directories only for now.
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
        Path directory =
                FilesystemConnectorFactory.localDirectory(context.options())
                        .orElseThrow(
                                () ->
                                        new SluiceException(
                                                ErrorCode.FEATURE_NOT_SUPPORTED,
                                                "Delta tables on S3 are not supported yet; use a"
                                                        + " local path or the filesystem"
                                                        + " connector"));
        Engine engine = DefaultEngine.create(new org.apache.hadoop.conf.Configuration());
        DeltaTableCommitter committer =
                DeltaTableCommitter.open(
                        engine,
                        directory.toUri().toString().replaceAll("/+$", ""),
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
