package io.sluice.executor.expr;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.util.ArrayList;
import java.util.List;

/**
 * A path of object keys and array indexes into a JSON document: either the key arguments of the
 * {@code json_get_*} functions or a JSONPath such as {@code $.user.tags[0]} or {@code $['odd
 * key']}. Wildcards and filters are not supported.
 */
final class JsonPath {
    /** Per step: the UTF-8 key, or null for an array index. */
    final byte[][] keys;

    final int[] indexes;

    private JsonPath(List<Object> steps) {
        keys = new byte[steps.size()][];
        indexes = new int[steps.size()];
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            if (step instanceof String key) {
                keys[i] = key.getBytes(UTF_8);
                indexes[i] = -1;
            } else {
                indexes[i] = (Integer) step;
            }
        }
    }

    int length() {
        return keys.length;
    }

    /** A path from function arguments: text is a key, an integer an array index. */
    static JsonPath ofSteps(List<Object> steps) {
        return new JsonPath(steps);
    }

    /** Parses a JSONPath made of {@code $}, {@code .key}, {@code ['key']} and {@code [n]}. */
    static JsonPath parse(String path) {
        String text = path.trim();
        if (!text.startsWith("$")) {
            throw invalid(path, "it must start with $");
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < text.length() && text.charAt(i) != '.' && text.charAt(i) != '[') {
                    i++;
                }
                String key = text.substring(start, i);
                if (key.isEmpty() || key.equals("*")) {
                    throw invalid(path, "wildcards and recursive descent are not supported");
                }
                steps.add(key);
            } else if (c == '[') {
                int close = text.indexOf(']', i);
                if (close < 0) {
                    throw invalid(path, "a [ is not closed");
                }
                String inner = text.substring(i + 1, close).trim();
                if (inner.length() >= 2
                        && (inner.startsWith("'") && inner.endsWith("'")
                                || inner.startsWith("\"") && inner.endsWith("\""))) {
                    steps.add(inner.substring(1, inner.length() - 1));
                } else {
                    try {
                        int index = Integer.parseInt(inner);
                        if (index < 0) {
                            throw invalid(path, "negative indexes are not supported");
                        }
                        steps.add(index);
                    } catch (NumberFormatException e) {
                        throw invalid(path, "[" + inner + "] is not a key or an index");
                    }
                }
                i = close + 1;
            } else {
                throw invalid(path, "unexpected '" + c + "'");
            }
        }
        return new JsonPath(steps);
    }

    private static SluiceException invalid(String path, String why) {
        return new SluiceException(
                ErrorCode.INVALID_TEXT_REPRESENTATION, "invalid JSONPath \"" + path + "\": " + why);
    }
}
