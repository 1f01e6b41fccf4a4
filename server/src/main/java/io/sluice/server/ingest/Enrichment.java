package io.sluice.server.ingest;

/**
 * Fields the server adds to each event of a stream before producing it.
 *
 * @param receiveTime set {@code receive_time} to the time the request arrived (RFC 3339, UTC)
 * @param id set {@code id} to a random UUID when the event has none
 * @param clientIp set {@code client_ip} to the address of the connection the event came on
 */
public record Enrichment(boolean receiveTime, boolean id, boolean clientIp) {
    public static final String RECEIVE_TIME_FIELD = "receive_time";
    public static final String ID_FIELD = "id";
    public static final String CLIENT_IP_FIELD = "client_ip";

    public static Enrichment none() {
        return new Enrichment(false, false, false);
    }

    public boolean any() {
        return receiveTime || id || clientIp;
    }
}
