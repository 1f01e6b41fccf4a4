package io.sluice.pgwire;

import static java.util.Objects.requireNonNull;

import io.netty.buffer.ByteBuf;

/**
 * One framed frontend message. The StartupMessage has no type byte on the wire and gets {@link
 * #STARTUP}. The receiver owns and releases {@code body}.
 */
record ClientMessage(char type, ByteBuf body) {
    static final char STARTUP = '\0';

    ClientMessage {
        requireNonNull(body, "body is null");
    }
}
