package io.sluice.server.http;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * The events of an accepted request body and, for a batch, the ones refused.
 *
 * @param batch whether the body was a batch (answered with a summary) or a single event
 * @param events the valid events, in body order
 * @param eventIndexes the index in the batch (element or line) of each valid event
 * @param rejections the refused events of a batch, by their index in the batch
 */
record DecodedBody(
        boolean batch,
        List<Event> events,
        List<Integer> eventIndexes,
        List<IndexedRejection> rejections) {
    DecodedBody {
        events = List.copyOf(requireNonNull(events, "events is null"));
        eventIndexes = List.copyOf(requireNonNull(eventIndexes, "eventIndexes is null"));
        rejections = List.copyOf(requireNonNull(rejections, "rejections is null"));
        if (events.size() != eventIndexes.size()) {
            throw new IllegalArgumentException("every event needs its index");
        }
        if (!batch && (events.size() != 1 || !rejections.isEmpty())) {
            throw new IllegalArgumentException("a single-event body has exactly one valid event");
        }
    }

    static DecodedBody single(Event event) {
        return new DecodedBody(false, List.of(event), List.of(0), List.of());
    }

    /** A refused event of a batch: its 0-based index (element or line) and why. */
    record IndexedRejection(int index, IngestRejection rejection) {
        IndexedRejection {
            requireNonNull(rejection, "rejection is null");
        }
    }
}
