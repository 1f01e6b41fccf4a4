package io.sluice.storage.kafka;

/** A record that cannot be decoded into the table's columns; the message says why. */
final class BadRecordException extends Exception {
    private static final long serialVersionUID = 1L;

    BadRecordException(String reason) {
        super(reason, null, false, false);
    }
}
