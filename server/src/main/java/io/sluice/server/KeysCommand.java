package io.sluice.server;

import io.sluice.executor.error.SluiceException;
import io.sluice.server.catalog.CatalogDatabase;
import io.sluice.server.config.ServerConfig;
import io.sluice.server.config.Setting;
import io.sluice.server.ingest.ApiKeyStore;
import io.sluice.server.ingest.ApiKeyStore.KeyInfo;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sluice keys create|revoke|list}: API keys of the HTTP ingest endpoint, written straight to
 * the catalog named in the configuration file. A running server picks changes up within {@code
 * ingest.keys.refresh}.
 */
@Command(
        name = "keys",
        mixinStandardHelpOptions = true,
        description = "Create, revoke and list API keys of the HTTP ingest endpoint.",
        subcommands = {
            KeysCommand.Create.class,
            KeysCommand.Revoke.class,
            KeysCommand.ListKeys.class
        })
final class KeysCommand {
    @Option(
            names = "--config",
            required = true,
            scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Properties file naming the catalog (catalog.url, catalog.user, ...).")
    Path configFile;

    private ApiKeyStore open(CatalogDatabase[] holder) {
        ServerConfig config = ServerConfig.load(configFile, System.getenv());
        CatalogDatabase database =
                CatalogDatabase.open(
                        config.get(Setting.CATALOG_URL),
                        config.get(Setting.CATALOG_USER),
                        config.getOptional(Setting.CATALOG_PASSWORD).orElse(""));
        holder[0] = database;
        return new ApiKeyStore(database.dataSource());
    }

    private static PrintStream out() {
        return new PrintStream(System.out, true, StandardCharsets.UTF_8);
    }

    private static PrintStream err() {
        return new PrintStream(System.err, true, StandardCharsets.UTF_8);
    }

    /** Runs {@code action} against the catalog and closes it; a Sluice error exits with 1. */
    private int withStore(StoreAction action) {
        CatalogDatabase[] database = new CatalogDatabase[1];
        try {
            return action.run(open(database));
        } catch (SluiceException e) {
            err().println("error: " + e.getMessage());
            return 1;
        } finally {
            if (database[0] != null) {
                database[0].close();
            }
        }
    }

    @FunctionalInterface
    private interface StoreAction {
        int run(ApiKeyStore store);
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a key and print its secret (shown only this once).")
    static final class Create implements Callable<Integer> {
        @ParentCommand KeysCommand parent;

        @Option(names = "--name", required = true, description = "Name of the key.")
        String name;

        @Option(
                names = "--streams",
                required = true,
                split = ",",
                description = "Streams the key may post to, comma separated; '*' for all.")
        String[] streams;

        @Option(
                names = "--rate",
                description = "Events per second the key may post (default: ingest.rate_limit).")
        Integer rate;

        @Override
        public Integer call() {
            return parent.withStore(
                    store -> {
                        Set<String> scope = new LinkedHashSet<>(Arrays.asList(streams));
                        String secret =
                                store.create(
                                        name,
                                        scope,
                                        rate == null ? OptionalInt.empty() : OptionalInt.of(rate));
                        PrintStream out = out();
                        out.println(secret);
                        err().println(
                                        "Created API key \""
                                                + name
                                                + "\" for streams "
                                                + String.join(",", scope)
                                                + ". Store the secret now: it is not shown again.");
                        return 0;
                    });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a key.")
    static final class Revoke implements Callable<Integer> {
        @ParentCommand KeysCommand parent;

        @Option(names = "--name", required = true, description = "Name of the key.")
        String name;

        @Override
        public Integer call() {
            return parent.withStore(
                    store -> {
                        if (!store.revoke(name)) {
                            err().println("error: no active API key named \"" + name + "\"");
                            return 1;
                        }
                        out().println("Revoked API key \"" + name + "\"");
                        return 0;
                    });
        }
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List keys (never their secrets).")
    static final class ListKeys implements Callable<Integer> {
        @ParentCommand KeysCommand parent;

        @Override
        public Integer call() {
            return parent.withStore(
                    store -> {
                        PrintStream out = out();
                        out.println("name\tstreams\trate\tcreated\trevoked");
                        for (KeyInfo key : store.list()) {
                            out.println(
                                    key.name()
                                            + "\t"
                                            + String.join(",", new TreeSet<>(key.streams()))
                                            + "\t"
                                            + (key.rateLimit().isPresent()
                                                    ? Integer.toString(key.rateLimit().getAsInt())
                                                    : "default")
                                            + "\t"
                                            + key.createdAt()
                                            + "\t"
                                            + key.revokedAt().map(Object::toString).orElse(""));
                        }
                        return 0;
                    });
        }
    }
}
