package io.sluice.clients;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Exempts a class from the build's forbidden-API check, which counts the JDK's {@code
 * com.sun.net.httpserver} (a supported, exported module) as non-portable.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD})
@interface SuppressForbidden {
    /** Why the exemption is needed. */
    String reason();
}
