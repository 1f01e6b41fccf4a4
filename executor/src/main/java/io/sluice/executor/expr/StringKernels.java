package io.sluice.executor.expr;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.sluice.executor.error.ErrorCode;
import io.sluice.executor.error.SluiceException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VarCharVector;

/**
 * Text functions over UTF-8 bytes. All are strict (a NULL operand gives NULL) except {@code
 * concat}, which skips NULL operands. Only the regular-expression functions decode a value into a
 * Java string, because the regex engine needs one.
 */
final class StringKernels {
    private StringKernels() {}

    /** {@code a || b || ...}. */
    static Kernel concat(int arity, boolean skipNulls) {
        TextReader[] readers = readers(arity);
        return new Kernel() {
            private byte[] buffer = new byte[256];

            @Override
            public void apply(ValueView[] operands, int count, FieldVector out) {
                VarCharVector text = (VarCharVector) out;
                rows:
                for (int i = 0; i < count; i++) {
                    int length = 0;
                    for (int k = 0; k < arity; k++) {
                        TextReader reader = readers[k];
                        if (!reader.read(operands[k], i)) {
                            if (skipNulls) {
                                continue;
                            }
                            continue rows;
                        }
                        buffer = Vectors.grow(buffer, length + reader.length);
                        System.arraycopy(reader.bytes, 0, buffer, length, reader.length);
                        length += reader.length;
                    }
                    text.setSafe(i, buffer, 0, length);
                }
            }
        };
    }

    static Kernel charLength() {
        TextReader reader = new TextReader();
        return (operands, count, out) -> {
            IntVector lengths = (IntVector) out;
            for (int i = 0; i < count; i++) {
                if (reader.read(operands[0], i)) {
                    lengths.set(i, Utf8.charCount(reader.bytes, reader.length));
                }
            }
        };
    }

    /**
     * {@code substr(text, start [, length])}: characters from 1-based {@code start}; positions
     * before the first character count towards the length, as in Postgres.
     */
    static Kernel substring(boolean hasLength) {
        TextReader reader = new TextReader();
        return new Kernel() {
            private long[] from = new long[0];
            private long[] lengths = new long[0];
            private boolean[] fromNulls = new boolean[0];
            private boolean[] lengthNulls = new boolean[0];

            @Override
            public void apply(ValueView[] operands, int count, FieldVector out) {
                from = Vectors.grow(from, count);
                fromNulls = Vectors.grow(fromNulls, count);
                Vectors.readLongs(operands[1], count, from, fromNulls);
                if (hasLength) {
                    lengths = Vectors.grow(lengths, count);
                    lengthNulls = Vectors.grow(lengthNulls, count);
                    Vectors.readLongs(operands[2], count, lengths, lengthNulls);
                }
                VarCharVector text = (VarCharVector) out;
                for (int i = 0; i < count; i++) {
                    if (fromNulls[i] || (hasLength && lengthNulls[i])) {
                        continue;
                    }
                    if (!reader.read(operands[0], i)) {
                        continue;
                    }
                    long start = from[i];
                    long end = Long.MAX_VALUE;
                    if (hasLength) {
                        if (lengths[i] < 0) {
                            throw new SluiceException(
                                    ErrorCode.DATA_EXCEPTION,
                                    "negative substring length not allowed");
                        }
                        end = start + lengths[i];
                    }
                    start = Math.max(start, 1);
                    if (end <= start) {
                        text.setSafe(i, reader.bytes, 0, 0);
                        continue;
                    }
                    int first = Utf8.offsetOfChar(reader.bytes, reader.length, start - 1);
                    int last =
                            end == Long.MAX_VALUE
                                    ? reader.length
                                    : Utf8.offsetOfChar(reader.bytes, reader.length, end - 1);
                    text.setSafe(i, reader.bytes, first, last - first);
                }
            }
        };
    }

    /** {@code btrim/ltrim/rtrim(text, characters)}. */
    static Kernel trim(boolean leading, boolean trailing) {
        TextReader reader = new TextReader();
        TextReader characters = new TextReader();
        return (operands, count, out) -> {
            VarCharVector text = (VarCharVector) out;
            for (int i = 0; i < count; i++) {
                if (!reader.read(operands[0], i) || !characters.read(operands[1], i)) {
                    continue;
                }
                byte[] bytes = reader.bytes;
                int length = reader.length;
                if (Utf8.isAscii(characters.bytes, characters.length)) {
                    int start = 0;
                    int end = length;
                    if (leading) {
                        while (start < end && contains(characters, bytes[start])) {
                            start++;
                        }
                    }
                    if (trailing) {
                        while (end > start && contains(characters, bytes[end - 1])) {
                            end--;
                        }
                    }
                    text.setSafe(i, bytes, start, end - start);
                } else {
                    String value = new String(bytes, 0, length, UTF_8);
                    String set = new String(characters.bytes, 0, characters.length, UTF_8);
                    text.setSafe(i, trimCodePoints(value, set, leading, trailing).getBytes(UTF_8));
                }
            }
        };
    }

    private static boolean contains(TextReader set, byte b) {
        for (int k = 0; k < set.length; k++) {
            if (set.bytes[k] == b) {
                return true;
            }
        }
        return false;
    }

    private static String trimCodePoints(
            String value, String set, boolean leading, boolean trailing) {
        int start = 0;
        int end = value.length();
        while (leading && start < end && set.indexOf(value.codePointAt(start)) >= 0) {
            start += Character.charCount(value.codePointAt(start));
        }
        while (trailing && end > start && set.indexOf(value.codePointBefore(end)) >= 0) {
            end -= Character.charCount(value.codePointBefore(end));
        }
        return value.substring(start, end);
    }

    /** {@code replace(text, from, to)}: every occurrence; an empty {@code from} changes nothing. */
    static Kernel replace() {
        TextReader reader = new TextReader();
        TextReader from = new TextReader();
        TextReader to = new TextReader();
        return new Kernel() {
            private byte[] buffer = new byte[256];

            @Override
            public void apply(ValueView[] operands, int count, FieldVector out) {
                VarCharVector text = (VarCharVector) out;
                for (int i = 0; i < count; i++) {
                    if (!reader.read(operands[0], i)
                            || !from.read(operands[1], i)
                            || !to.read(operands[2], i)) {
                        continue;
                    }
                    if (from.length == 0) {
                        text.setSafe(i, reader.bytes, 0, reader.length);
                        continue;
                    }
                    int length = 0;
                    int at = 0;
                    while (true) {
                        int found =
                                Utf8.indexOf(
                                        reader.bytes, reader.length, from.bytes, from.length, at);
                        int stop = found < 0 ? reader.length : found;
                        buffer = Vectors.grow(buffer, length + (stop - at) + to.length);
                        System.arraycopy(reader.bytes, at, buffer, length, stop - at);
                        length += stop - at;
                        if (found < 0) {
                            break;
                        }
                        System.arraycopy(to.bytes, 0, buffer, length, to.length);
                        length += to.length;
                        at = found + from.length;
                    }
                    text.setSafe(i, buffer, 0, length);
                }
            }
        };
    }

    /**
     * {@code split_part(text, delimiter, n)}: field {@code n} (1-based; negative counts from the
     * end), empty when there is no such field.
     */
    static Kernel splitPart() {
        TextReader reader = new TextReader();
        TextReader delimiter = new TextReader();
        return new Kernel() {
            private long[] fields = new long[0];
            private boolean[] nulls = new boolean[0];
            private int[] bounds = new int[16];

            @Override
            public void apply(ValueView[] operands, int count, FieldVector out) {
                fields = Vectors.grow(fields, count);
                nulls = Vectors.grow(nulls, count);
                Vectors.readLongs(operands[2], count, fields, nulls);
                VarCharVector text = (VarCharVector) out;
                for (int i = 0; i < count; i++) {
                    if (nulls[i]
                            || !reader.read(operands[0], i)
                            || !delimiter.read(operands[1], i)) {
                        continue;
                    }
                    long n = fields[i];
                    if (n == 0) {
                        throw new SluiceException(
                                ErrorCode.DATA_EXCEPTION, "field position must not be zero");
                    }
                    // bounds holds start,end pairs of every field
                    int parts = 0;
                    if (delimiter.length == 0) {
                        bounds[0] = 0;
                        bounds[1] = reader.length;
                        parts = 1;
                    } else {
                        int at = 0;
                        while (true) {
                            int found =
                                    Utf8.indexOf(
                                            reader.bytes,
                                            reader.length,
                                            delimiter.bytes,
                                            delimiter.length,
                                            at);
                            bounds = Vectors.grow(bounds, 2 * parts + 2);
                            bounds[2 * parts] = at;
                            bounds[2 * parts + 1] = found < 0 ? reader.length : found;
                            parts++;
                            if (found < 0) {
                                break;
                            }
                            at = found + delimiter.length;
                        }
                    }
                    long field = n > 0 ? n - 1 : parts + n;
                    if (field < 0 || field >= parts) {
                        text.setSafe(i, reader.bytes, 0, 0);
                    } else {
                        int start = bounds[(int) (2 * field)];
                        text.setSafe(i, reader.bytes, start, bounds[(int) (2 * field + 1)] - start);
                    }
                }
            }
        };
    }

    static Kernel startsWith() {
        TextReader reader = new TextReader();
        TextReader prefix = new TextReader();
        return (operands, count, out) -> {
            BitVector bits = (BitVector) out;
            for (int i = 0; i < count; i++) {
                if (!reader.read(operands[0], i) || !prefix.read(operands[1], i)) {
                    continue;
                }
                boolean match =
                        prefix.length <= reader.length
                                && Arrays.equals(
                                        reader.bytes,
                                        0,
                                        prefix.length,
                                        prefix.bytes,
                                        0,
                                        prefix.length);
                bits.set(i, match ? 1 : 0);
            }
        };
    }

    /** Compiles a constant pattern with Postgres-style flags ({@code i}, {@code g}, ...). */
    static Pattern compilePattern(String pattern, String flags) {
        int javaFlags = 0;
        for (char flag : flags.toCharArray()) {
            switch (flag) {
                case 'i':
                    javaFlags |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                    break;
                case 'c':
                    javaFlags &= ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                    break;
                case 's':
                    javaFlags |= Pattern.DOTALL;
                    break;
                case 'n':
                case 'm':
                    javaFlags |= Pattern.MULTILINE;
                    break;
                case 'x':
                    javaFlags |= Pattern.COMMENTS;
                    break;
                case 'g':
                    break;
                default:
                    throw new SluiceException(
                            ErrorCode.INVALID_OPTION,
                            "invalid regular expression option: \"" + flag + "\"");
            }
        }
        try {
            return Pattern.compile(pattern, javaFlags);
        } catch (PatternSyntaxException e) {
            throw new SluiceException(
                    ErrorCode.DATA_EXCEPTION, "invalid regular expression: " + e.getDescription());
        }
    }

    static Kernel regexpLike(Pattern pattern) {
        TextReader reader = new TextReader();
        Matcher matcher = pattern.matcher("");
        return (operands, count, out) -> {
            BitVector bits = (BitVector) out;
            for (int i = 0; i < count; i++) {
                if (reader.read(operands[0], i)) {
                    matcher.reset(new String(reader.bytes, 0, reader.length, UTF_8));
                    bits.set(i, matcher.find() ? 1 : 0);
                }
            }
        };
    }

    /**
     * {@code regexp_replace}: the first match, or every match with flag {@code g}; {@code \1} in
     * the replacement is group 1 and {@code \&} the whole match.
     */
    static Kernel regexpReplace(Pattern pattern, String replacement, boolean global) {
        TextReader reader = new TextReader();
        Matcher matcher = pattern.matcher("");
        String javaReplacement = javaReplacement(replacement);
        return (operands, count, out) -> {
            VarCharVector text = (VarCharVector) out;
            for (int i = 0; i < count; i++) {
                if (!reader.read(operands[0], i)) {
                    continue;
                }
                matcher.reset(new String(reader.bytes, 0, reader.length, UTF_8));
                String result =
                        global
                                ? matcher.replaceAll(javaReplacement)
                                : matcher.replaceFirst(javaReplacement);
                text.setSafe(i, result.getBytes(UTF_8));
            }
        };
    }

    private static String javaReplacement(String replacement) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length()) {
                char next = replacement.charAt(++i);
                if (next >= '0' && next <= '9') {
                    out.append('$').append(next);
                } else if (next == '&') {
                    out.append("$0");
                } else {
                    out.append(Matcher.quoteReplacement(String.valueOf(next)));
                }
            } else {
                out.append(Matcher.quoteReplacement(String.valueOf(c)));
            }
        }
        return out.toString();
    }

    /** {@code regexp_extract(text, pattern, group)}: NULL when nothing matches. */
    static Kernel regexpExtract(Pattern pattern, int group) {
        if (group < 0 || group > pattern.matcher("").groupCount()) {
            throw new SluiceException(
                    ErrorCode.DATA_EXCEPTION,
                    "regexp_extract group " + group + " does not exist in the pattern");
        }
        TextReader reader = new TextReader();
        Matcher matcher = pattern.matcher("");
        return (operands, count, out) -> {
            VarCharVector text = (VarCharVector) out;
            for (int i = 0; i < count; i++) {
                if (!reader.read(operands[0], i)) {
                    continue;
                }
                matcher.reset(new String(reader.bytes, 0, reader.length, UTF_8));
                if (matcher.find() && matcher.group(group) != null) {
                    text.setSafe(i, matcher.group(group).getBytes(UTF_8));
                }
            }
        };
    }

    /**
     * {@code regexp_match(text, pattern)}: the capture groups of the first match (the whole match
     * when the pattern has none) as a JSON array of strings, NULL when nothing matches.
     */
    static Kernel regexpMatch(Pattern pattern) {
        TextReader reader = new TextReader();
        Matcher matcher = pattern.matcher("");
        return (operands, count, out) -> {
            VarCharVector text = (VarCharVector) out;
            for (int i = 0; i < count; i++) {
                if (!reader.read(operands[0], i)) {
                    continue;
                }
                matcher.reset(new String(reader.bytes, 0, reader.length, UTF_8));
                if (!matcher.find()) {
                    continue;
                }
                StringBuilder json = new StringBuilder("[");
                int groups = matcher.groupCount();
                for (int g = groups == 0 ? 0 : 1; g <= groups; g++) {
                    if (json.length() > 1) {
                        json.append(',');
                    }
                    String value = matcher.group(g);
                    if (value == null) {
                        json.append("null");
                    } else {
                        JsonText.appendString(json, value);
                    }
                }
                text.setSafe(i, json.append(']').toString().getBytes(UTF_8));
            }
        };
    }

    /** {@code md5(text)} or {@code sha256(text)} as lower-case hex. */
    static Kernel digest(String algorithm) {
        TextReader reader = new TextReader();
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks " + algorithm, e);
        }
        return (operands, count, out) -> {
            VarCharVector text = (VarCharVector) out;
            for (int i = 0; i < count; i++) {
                if (reader.read(operands[0], i)) {
                    digest.update(reader.bytes, 0, reader.length);
                    text.setSafe(i, Utf8.hex(digest.digest()));
                }
            }
        };
    }

    /** Version 4 UUIDs from a cryptographically strong source, as Postgres makes them. */
    static Kernel randomUuid() {
        SecureRandom random = new SecureRandom();
        byte[] bits = new byte[16];
        byte[] text = new byte[36];
        return (operands, count, out) -> {
            VarCharVector uuids = (VarCharVector) out;
            for (int i = 0; i < count; i++) {
                random.nextBytes(bits);
                bits[6] = (byte) ((bits[6] & 0x0F) | 0x40);
                bits[8] = (byte) ((bits[8] & 0x3F) | 0x80);
                byte[] hex = Utf8.hex(bits);
                int t = 0;
                for (int h = 0; h < 32; h++) {
                    if (h == 8 || h == 12 || h == 16 || h == 20) {
                        text[t++] = '-';
                    }
                    text[t++] = hex[h];
                }
                uuids.setSafe(i, text, 0, 36);
            }
        };
    }

    private static TextReader[] readers(int count) {
        TextReader[] readers = new TextReader[count];
        for (int i = 0; i < count; i++) {
            readers[i] = new TextReader();
        }
        return readers;
    }
}
