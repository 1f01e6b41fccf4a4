package io.sluice.executor.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;

/** Reads and writes pipeline plans as JSON, the form in which the catalog stores them. */
public final class PlanCodec {
    private static final ObjectMapper MAPPER =
            new ObjectMapper()
                    .registerModule(new Jdk8Module())
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private PlanCodec() {}

    public static String toJson(PipelinePlan plan) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(plan);
        } catch (JsonProcessingException e) {
            throw new SluiceException(
                    ErrorCode.INTERNAL_ERROR, "cannot serialise plan: " + e.getMessage(), e);
        }
    }

    public static PipelinePlan fromJson(String json) {
        PipelinePlan plan;
        try {
            plan = MAPPER.readValue(json, PipelinePlan.class);
        } catch (JsonProcessingException e) {
            throw new SluiceException(
                    ErrorCode.INTERNAL_ERROR, "stored plan is unreadable: " + e.getMessage(), e);
        }
        if (plan.version() > PipelinePlan.CURRENT_VERSION) {
            throw new SluiceException(
                    ErrorCode.FEATURE_NOT_SUPPORTED,
                    "plan version "
                            + plan.version()
                            + " is newer than this server supports ("
                            + PipelinePlan.CURRENT_VERSION
                            + ")");
        }
        return plan;
    }
}
