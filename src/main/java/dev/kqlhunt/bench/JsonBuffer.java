package dev.kqlhunt.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that writes JSON values as UTF-8 without building intermediate strings.
 *
 * <p>Strings are escaped as JSON requires (quote, backslash, control characters). On request it
 * also writes chosen characters as {@code \}{@code uXXXX} escapes, which a JSON reader must decode
 * back to the same text.
 */
final class JsonBuffer {

    /** Escape no character beyond what JSON requires. */
    static final int PLAIN = 0;
    /** Write every non-ASCII character as a {@code \}{@code uXXXX} escape. */
    static final int ESCAPE_NON_ASCII = 1;
    /** Write every third ASCII letter as a {@code \}{@code uXXXX} escape. */
    static final int ESCAPE_LETTERS = 2;

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int size;

    JsonBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** Writes the buffer to {@code channel} and empties it. */
    void drainTo(WritableByteChannel channel) throws IOException {
        ByteBuffer view = ByteBuffer.wrap(bytes, 0, size);
        while (view.hasRemaining()) {
            channel.write(view);
        }
        size = 0;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    void raw(byte[] text) {
        ensure(text.length);
        System.arraycopy(text, 0, bytes, size, text.length);
        size += text.length;
    }

    void rawByte(byte b) {
        ensure(1);
        bytes[size++] = b;
    }

    /** Writes a non-negative number in decimal, left-padded with zeros to {@code width} digits. */
    void digits(long value, int width) {
        ensure(20);
        int end = size + Math.max(width, decimalLength(value));
        for (int i = end - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        size = end;
    }

    void number(long value) {
        if (value < 0) {
            rawByte((byte) '-');
            value = -value;
        }
        digits(value, 1);
    }

    /** Writes {@code text} as a quoted JSON string; {@code escapes} is one of the constants. */
    void string(CharSequence text, int escapes) {
        ensure(text.length() * 6 + 2);
        bytes[size++] = '"';
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                bytes[size++] = '\\';
                bytes[size++] = (byte) c;
            } else if (c < 0x20) {
                shortEscape(c);
            } else if (c < 0x80) {
                if (escapes == ESCAPE_LETTERS && i % 3 == 0 && Character.isLetter(c)) {
                    unicodeEscape(c);
                } else {
                    bytes[size++] = (byte) c;
                }
            } else if (escapes == ESCAPE_NON_ASCII) {
                unicodeEscape(c);
            } else {
                i = utf8(text, i);
            }
        }
        bytes[size++] = '"';
    }

    private void shortEscape(char c) {
        switch (c) {
            case '\n' -> twoBytes('n');
            case '\r' -> twoBytes('r');
            case '\t' -> twoBytes('t');
            default -> unicodeEscape(c);
        }
    }

    private void twoBytes(char letter) {
        bytes[size++] = '\\';
        bytes[size++] = (byte) letter;
    }

    private void unicodeEscape(char c) {
        bytes[size++] = '\\';
        bytes[size++] = 'u';
        bytes[size++] = HEX[(c >> 12) & 0xF];
        bytes[size++] = HEX[(c >> 8) & 0xF];
        bytes[size++] = HEX[(c >> 4) & 0xF];
        bytes[size++] = HEX[c & 0xF];
    }

    /** Encodes the character at {@code i} (a surrogate pair counts as one) and returns its end. */
    private int utf8(CharSequence text, int i) {
        char c = text.charAt(i);
        if (c < 0x800) {
            bytes[size++] = (byte) (0xC0 | (c >> 6));
            bytes[size++] = (byte) (0x80 | (c & 0x3F));
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
            int codePoint = Character.toCodePoint(c, text.charAt(i + 1));
            bytes[size++] = (byte) (0xF0 | (codePoint >> 18));
            bytes[size++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
            bytes[size++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
            bytes[size++] = (byte) (0x80 | (codePoint & 0x3F));
            return i + 1;
        }
        bytes[size++] = (byte) (0xE0 | (c >> 12));
        bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
        return i;
    }

    private static int decimalLength(long value) {
        int length = 1;
        while (value >= 10) {
            value /= 10;
            length++;
        }
        return length;
    }

    private void ensure(int extra) {
        if (size + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
        }
    }
}
