package io.sluice.pgwire;

/** The transaction status ReadyForQuery reports. */
enum TransactionStatus {
    IDLE('I'),
    IN_TRANSACTION('T'),
    FAILED('E');

    private final char code;

    TransactionStatus(char code) {
        this.code = code;
    }

    char code() {
        return code;
    }
}
