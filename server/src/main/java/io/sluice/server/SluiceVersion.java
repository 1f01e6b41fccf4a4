package io.sluice.server;

import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code sluice --version} and reported to clients. */
public final class SluiceVersion implements IVersionProvider {
    public static final String VERSION = "0.1.0";

    @Override
    public String[] getVersion() {
        return new String[] {"sluice " + VERSION};
    }
}
