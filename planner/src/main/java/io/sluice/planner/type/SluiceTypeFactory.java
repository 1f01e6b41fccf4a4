package io.sluice.planner.type;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;

/**
 * Calcite's type factory with Sluice's type system. Strings are Unicode: SQL text may hold any
 * character, and Calcite's Latin-1 default would reject literals outside it.
 */
public final class SluiceTypeFactory extends JavaTypeFactoryImpl {
    public SluiceTypeFactory() {
        super(SluiceTypeSystem.INSTANCE);
    }

    @Override
    public Charset getDefaultCharset() {
        return StandardCharsets.UTF_8;
    }
}
