package io.sluice.pgwire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** One-dimensional arrays of a scalar {@link PgType}, as a {@code List} with null elements. */
final class ArrayCodec implements TypeCodecs.Codec<List<Object>> {
    private final PgType elementType;

    ArrayCodec(PgType elementType) {
        this.elementType = elementType;
    }

    @Override
    public List<Object> coerce(Object value) {
        if (value instanceof List<?> list) {
            return Collections.unmodifiableList(list);
        }
        if (value instanceof Object[] array) {
            return Arrays.asList(array);
        }
        if (value instanceof int[] ints) {
            return Arrays.stream(ints).mapToObj(v -> (Object) v).toList();
        }
        if (value instanceof long[] longs) {
            return Arrays.stream(longs).mapToObj(v -> (Object) v).toList();
        }
        if (value instanceof double[] doubles) {
            return Arrays.stream(doubles).mapToObj(v -> (Object) v).toList();
        }
        if (value instanceof String text) {
            return parseText(text);
        }
        throw new IllegalArgumentException(
                "cannot encode " + value.getClass().getName() + " as an array");
    }

    @Override
    public List<Object> parseText(String text) {
        String input = text.trim();
        if (input.length() < 2
                || input.charAt(0) != '{'
                || input.charAt(input.length() - 1) != '}') {
            throw new IllegalArgumentException("not an array literal: " + text);
        }
        List<Object> elements = new ArrayList<>();
        int i = 1;
        int end = input.length() - 1;
        while (i < end) {
            while (i < end && Character.isWhitespace(input.charAt(i))) {
                i++;
            }
            StringBuilder element = new StringBuilder();
            boolean quoted = false;
            if (i < end && input.charAt(i) == '"') {
                quoted = true;
                i++;
                while (i < end && input.charAt(i) != '"') {
                    if (input.charAt(i) == '\\') {
                        i++;
                    }
                    element.append(input.charAt(i++));
                }
                i++;
            } else {
                while (i < end && input.charAt(i) != ',') {
                    if (input.charAt(i) == '{') {
                        throw new IllegalArgumentException(
                                "multi-dimensional arrays are not supported");
                    }
                    element.append(input.charAt(i++));
                }
            }
            while (i < end && input.charAt(i) != ',') {
                i++;
            }
            i++;
            String value = quoted ? element.toString() : element.toString().trim();
            elements.add(
                    !quoted && value.equalsIgnoreCase("NULL")
                            ? null
                            : elementType.decode(
                                    value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                                    PgFormat.TEXT));
        }
        return Collections.unmodifiableList(elements);
    }

    @Override
    public String formatText(List<Object> value) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < value.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            Object element = value.get(i);
            if (element == null) {
                text.append("NULL");
            } else {
                appendElement(text, elementType.encodeText(element));
            }
        }
        return text.append('}').toString();
    }

    private static void appendElement(StringBuilder text, String element) {
        boolean quote = element.isEmpty() || element.toUpperCase(Locale.ROOT).equals("NULL");
        for (int i = 0; i < element.length() && !quote; i++) {
            char c = element.charAt(i);
            quote =
                    c == '{'
                            || c == '}'
                            || c == ','
                            || c == '"'
                            || c == '\\'
                            || Character.isWhitespace(c);
        }
        if (!quote) {
            text.append(element);
            return;
        }
        text.append('"');
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (c == '"' || c == '\\') {
                text.append('\\');
            }
            text.append(c);
        }
        text.append('"');
    }

    @Override
    public byte[] toBinary(List<Object> value) {
        List<byte[]> encoded = new ArrayList<>(value.size());
        int size = value.isEmpty() ? 12 : 20;
        boolean hasNull = false;
        for (Object element : value) {
            byte[] bytes = element == null ? null : elementType.encode(element, PgFormat.BINARY);
            hasNull |= bytes == null;
            size += 4 + (bytes == null ? 0 : bytes.length);
            encoded.add(bytes);
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(value.isEmpty() ? 0 : 1);
        buffer.putInt(hasNull ? 1 : 0);
        buffer.putInt(elementType.oid());
        if (!value.isEmpty()) {
            buffer.putInt(value.size());
            buffer.putInt(1);
        }
        for (byte[] bytes : encoded) {
            if (bytes == null) {
                buffer.putInt(-1);
            } else {
                buffer.putInt(bytes.length).put(bytes);
            }
        }
        return buffer.array();
    }

    @Override
    public List<Object> fromBinary(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int dimensions = buffer.getInt();
        buffer.getInt(); // has-null flag; nulls are seen per element anyway
        buffer.getInt(); // element oid
        if (dimensions == 0) {
            return List.of();
        }
        if (dimensions != 1) {
            throw new IllegalArgumentException("multi-dimensional arrays are not supported");
        }
        int length = buffer.getInt();
        buffer.getInt(); // lower bound
        List<Object> elements = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int elementLength = buffer.getInt();
            if (elementLength < 0) {
                elements.add(null);
            } else {
                byte[] element = new byte[elementLength];
                buffer.get(element);
                elements.add(elementType.decode(element, PgFormat.BINARY));
            }
        }
        return Collections.unmodifiableList(elements);
    }
}
