package io.sluice.pgwire;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Backend process ids and secret keys of the open connections, for CancelRequest. */
final class BackendKeys {
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, Entry> entries = new ConcurrentHashMap<>();

    /** What a CancelRequest can reach. */
    interface Cancellable {
        void cancelRunningStatement();
    }

    record Key(int processId, int secretKey) {}

    private record Entry(int secretKey, Cancellable target) {}

    Key register(Cancellable target) {
        int secretKey = random.nextInt();
        while (true) {
            int processId = 1 + random.nextInt(Integer.MAX_VALUE - 1);
            if (entries.putIfAbsent(processId, new Entry(secretKey, target)) == null) {
                return new Key(processId, secretKey);
            }
        }
    }

    void unregister(Key key) {
        entries.remove(key.processId());
    }

    /** Returns whether a connection matched; a wrong secret is ignored, as Postgres does. */
    boolean cancel(int processId, int secretKey) {
        Entry entry = entries.get(processId);
        if (entry == null || entry.secretKey() != secretKey) {
            return false;
        }
        entry.target().cancelRunningStatement();
        return true;
    }
}
