package io.sluice.executor.expr;

/**
 * Finds one top-level member of a JSON object (or one element of a JSON array) in UTF-8 bytes
 * without building a tree or Java strings. The whole document is checked while scanning, so invalid
 * JSON yields no member at all. Nesting deeper than {@link #MAX_DEPTH} counts as invalid rather
 * than risking the stack.
 */
final class JsonScanner {
    static final int MAX_DEPTH = 512;

    /** What the found value is. */
    enum Kind {
        STRING,
        NULL,
        OTHER
    }

    private byte[] json;
    private int end;
    private int pos;
    private boolean lastStringEscaped;
    private byte[] unescaped = new byte[64];
    // set by find(): how many children the container had, and whether the document was valid
    private int children;
    private boolean validDocument;

    int valueStart;
    int valueEnd;
    Kind valueKind;

    /**
     * Looks for the member named {@code key} (UTF-8) of the object in {@code json[0..length)}.
     *
     * @return true when the document is a valid object holding the member; the first occurrence is
     *     reported in {@link #valueStart}, {@link #valueEnd} and {@link #valueKind}
     */
    boolean findMember(byte[] json, int length, byte[] key) {
        return find(json, length, true, key, -1);
    }

    /** Looks for element {@code index} (0-based) of the array in {@code json[0..length)}. */
    boolean findElement(byte[] json, int length, int index) {
        return find(json, length, false, null, index);
    }

    /**
     * The number of members of the object, or elements of the array, in {@code json[0..length)}; -1
     * when it is neither or is invalid.
     */
    int countChildren(byte[] json, int length) {
        int first = 0;
        while (first < length && isWhitespace(json[first])) {
            first++;
        }
        if (first >= length || (json[first] != '{' && json[first] != '[')) {
            return -1;
        }
        children = 0;
        boolean valid = find(json, length, json[first] == '{', null, -1) || validDocument;
        return valid ? children : -1;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private boolean find(byte[] json, int length, boolean object, byte[] key, int index) {
        this.json = json;
        this.end = length;
        this.pos = 0;
        this.valueStart = -1;
        this.validDocument = false;
        boolean found = false;
        skipWhitespace();
        byte open = object ? (byte) '{' : (byte) '[';
        byte close = object ? (byte) '}' : (byte) ']';
        if (pos >= end || json[pos] != open) {
            return false;
        }
        pos++;
        skipWhitespace();
        if (pos < end && json[pos] == close) {
            pos++;
        } else {
            int element = 0;
            while (true) {
                boolean matches;
                if (object) {
                    skipWhitespace();
                    int keyStart = pos;
                    if (pos >= end || json[pos] != '"' || !scanString()) {
                        return false;
                    }
                    matches = key != null && !found && keyEquals(keyStart + 1, pos - 1, key);
                    skipWhitespace();
                    if (pos >= end || json[pos] != ':') {
                        return false;
                    }
                    pos++;
                } else {
                    matches = index >= 0 && !found && element == index;
                }
                skipWhitespace();
                int start = pos;
                if (!scanValue(1)) {
                    return false;
                }
                if (matches) {
                    found = true;
                    valueStart = start;
                    valueEnd = pos;
                    byte first = json[start];
                    valueKind = first == '"' ? Kind.STRING : first == 'n' ? Kind.NULL : Kind.OTHER;
                }
                element++;
                children = element;
                skipWhitespace();
                if (pos >= end) {
                    return false;
                }
                if (json[pos] == ',') {
                    pos++;
                    continue;
                }
                if (json[pos] == close) {
                    pos++;
                    break;
                }
                return false;
            }
        }
        skipWhitespace();
        validDocument = pos == end;
        return found && validDocument;
    }

    /**
     * Unescapes the string value found last into UTF-8; returns its length, the bytes are in {@link
     * #unescapedBytes()}.
     */
    int unescapeValue() {
        return unescape(valueStart + 1, valueEnd - 1);
    }

    byte[] unescapedBytes() {
        return unescaped;
    }

    private boolean keyEquals(int start, int stop, byte[] key) {
        if (!lastStringEscaped) {
            if (stop - start != key.length) {
                return false;
            }
            for (int i = 0; i < key.length; i++) {
                if (json[start + i] != key[i]) {
                    return false;
                }
            }
            return true;
        }
        int length = unescape(start, stop);
        if (length != key.length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (unescaped[i] != key[i]) {
                return false;
            }
        }
        return true;
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte b = json[pos];
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return;
            }
            pos++;
        }
    }

    private boolean scanValue(int depth) {
        if (pos >= end) {
            return false;
        }
        switch (json[pos]) {
            case '"':
                return scanString();
            case '{':
                return scanContainer(depth, (byte) '}', true);
            case '[':
                return scanContainer(depth, (byte) ']', false);
            case 't':
                return scanWord("true");
            case 'f':
                return scanWord("false");
            case 'n':
                return scanWord("null");
            default:
                return scanNumber();
        }
    }

    private boolean scanContainer(int depth, byte close, boolean object) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        pos++;
        skipWhitespace();
        if (pos < end && json[pos] == close) {
            pos++;
            return true;
        }
        while (true) {
            skipWhitespace();
            if (object) {
                if (pos >= end || json[pos] != '"' || !scanString()) {
                    return false;
                }
                skipWhitespace();
                if (pos >= end || json[pos] != ':') {
                    return false;
                }
                pos++;
                skipWhitespace();
            }
            if (!scanValue(depth + 1)) {
                return false;
            }
            skipWhitespace();
            if (pos >= end) {
                return false;
            }
            if (json[pos] == ',') {
                pos++;
            } else if (json[pos] == close) {
                pos++;
                return true;
            } else {
                return false;
            }
        }
    }

    /** Moves past a string starting at {@code pos}, checking its escapes. */
    private boolean scanString() {
        pos++;
        lastStringEscaped = false;
        while (pos < end) {
            byte b = json[pos];
            if (b == '"') {
                pos++;
                return true;
            }
            if (b >= 0 && b < 0x20) {
                return false;
            }
            if (b == '\\') {
                lastStringEscaped = true;
                if (pos + 1 >= end) {
                    return false;
                }
                byte escaped = json[pos + 1];
                if (escaped == 'u') {
                    if (pos + 6 > end) {
                        return false;
                    }
                    for (int i = pos + 2; i < pos + 6; i++) {
                        if (hexValue(json[i]) < 0) {
                            return false;
                        }
                    }
                    pos += 6;
                    continue;
                }
                if ("\"\\/bfnrt".indexOf(escaped) < 0) {
                    return false;
                }
                pos += 2;
                continue;
            }
            pos++;
        }
        return false;
    }

    private boolean scanWord(String word) {
        if (pos + word.length() > end) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (json[pos + i] != word.charAt(i)) {
                return false;
            }
        }
        pos += word.length();
        return true;
    }

    private boolean scanNumber() {
        int start = pos;
        if (pos < end && json[pos] == '-') {
            pos++;
        }
        if (pos >= end) {
            return false;
        }
        if (json[pos] == '0') {
            pos++;
        } else if (json[pos] >= '1' && json[pos] <= '9') {
            skipDigits();
        } else {
            return false;
        }
        if (pos < end && json[pos] == '.') {
            pos++;
            if (skipDigits() == 0) {
                return false;
            }
        }
        if (pos < end && (json[pos] == 'e' || json[pos] == 'E')) {
            pos++;
            if (pos < end && (json[pos] == '+' || json[pos] == '-')) {
                pos++;
            }
            if (skipDigits() == 0) {
                return false;
            }
        }
        return pos > start;
    }

    private int skipDigits() {
        int start = pos;
        while (pos < end && json[pos] >= '0' && json[pos] <= '9') {
            pos++;
        }
        return pos - start;
    }

    /** Unescapes the already validated string body {@code json[start..stop)}. */
    private int unescape(int start, int stop) {
        unescaped = Vectors.grow(unescaped, stop - start);
        int length = 0;
        int i = start;
        while (i < stop) {
            byte b = json[i];
            if (b != '\\') {
                unescaped[length++] = b;
                i++;
                continue;
            }
            byte escaped = json[i + 1];
            i += 2;
            switch (escaped) {
                case 'b':
                    unescaped[length++] = '\b';
                    break;
                case 'f':
                    unescaped[length++] = '\f';
                    break;
                case 'n':
                    unescaped[length++] = '\n';
                    break;
                case 'r':
                    unescaped[length++] = '\r';
                    break;
                case 't':
                    unescaped[length++] = '\t';
                    break;
                case 'u':
                    int codePoint = hex4(i);
                    i += 4;
                    if (Character.isHighSurrogate((char) codePoint)
                            && i + 6 <= stop
                            && json[i] == '\\'
                            && json[i + 1] == 'u') {
                        int low = hex4(i + 2);
                        if (Character.isLowSurrogate((char) low)) {
                            codePoint = Character.toCodePoint((char) codePoint, (char) low);
                            i += 6;
                        }
                    }
                    if (Character.isSurrogate((char) codePoint) && codePoint <= 0xFFFF) {
                        codePoint = 0xFFFD;
                    }
                    length = appendUtf8(codePoint, length);
                    break;
                default:
                    unescaped[length++] = escaped;
            }
        }
        return length;
    }

    /** A \\u escape is six bytes and its UTF-8 form at most four, so the buffer always fits. */
    private int appendUtf8(int codePoint, int length) {
        if (codePoint < 0x80) {
            unescaped[length++] = (byte) codePoint;
        } else if (codePoint < 0x800) {
            unescaped[length++] = (byte) (0xC0 | codePoint >> 6);
            unescaped[length++] = (byte) (0x80 | codePoint & 0x3F);
        } else if (codePoint < 0x10000) {
            unescaped[length++] = (byte) (0xE0 | codePoint >> 12);
            unescaped[length++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            unescaped[length++] = (byte) (0x80 | codePoint & 0x3F);
        } else {
            unescaped[length++] = (byte) (0xF0 | codePoint >> 18);
            unescaped[length++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
            unescaped[length++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
            unescaped[length++] = (byte) (0x80 | codePoint & 0x3F);
        }
        return length;
    }

    private int hex4(int at) {
        return hexValue(json[at]) << 12
                | hexValue(json[at + 1]) << 8
                | hexValue(json[at + 2]) << 4
                | hexValue(json[at + 3]);
    }

    private static int hexValue(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
