package dev.kqlhunt.events;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A buffered byte stream that also reads lines with a length cap, so a huge line is skipped
 * without being held in memory.
 */
final class ByteInput extends InputStream {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int pos;
    private int limit;

    private byte[] line = new byte[1024];
    private int lineLength;
    private boolean lineTooLong;

    ByteInput(InputStream in) {
        this.in = in;
    }

    /** Returns the next byte without consuming it, or -1 at the end of the stream. */
    int peek() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buffer[pos] & 0xff;
    }

    @Override
    public int read() throws IOException {
        if (pos == limit && !fill()) {
            return -1;
        }
        return buffer[pos++] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (pos == limit && !fill()) {
            return -1;
        }
        int count = Math.min(length, limit - pos);
        System.arraycopy(buffer, pos, target, offset, count);
        pos += count;
        return count;
    }

    /** Skips a UTF-8 byte order mark if the stream starts with one. */
    void skipByteOrderMark() throws IOException {
        while (limit - pos < 3) {
            if (!fillMore()) {
                break;
            }
        }
        if (limit - pos >= 3
                && buffer[pos] == (byte) 0xEF
                && buffer[pos + 1] == (byte) 0xBB
                && buffer[pos + 2] == (byte) 0xBF) {
            pos += 3;
        }
    }

    /**
     * Reads up to and including the next {@code '\n'}, keeping at most {@code maxBytes} of the
     * line. Returns false at the end of the stream when no byte was read. The kept bytes exclude
     * the line end ({@code \n} or {@code \r\n}) and are available through {@link #lineText()}.
     */
    boolean readLine(int maxBytes) throws IOException {
        lineLength = 0;
        lineTooLong = false;
        boolean readAny = false;
        while (true) {
            if (pos == limit && !fill()) {
                break;
            }
            readAny = true;
            int start = pos;
            int end = indexOfNewline(start);
            int stop = end < 0 ? limit : end;
            // One byte over the cap tells a line that is too long from one that ends in \r\n.
            keep(start, stop, maxBytes + 1);
            if (end >= 0) {
                pos = end + 1;
                break;
            }
            pos = limit;
        }
        if (!lineTooLong && lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        if (lineLength > maxBytes) {
            lineTooLong = true;
            lineLength = maxBytes;
        }
        return readAny;
    }

    /** Whether the last line read was longer than its cap; only its start was kept. */
    boolean lineTooLong() {
        return lineTooLong;
    }

    /** Whether the last line read holds only spaces and tabs, or nothing. */
    boolean lineBlank() {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    /** Decodes the kept bytes of the last line; invalid UTF-8 becomes U+FFFD. */
    String lineText() {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8);
    }

    /** Decodes at most {@code maxBytes} of the kept bytes of the last line. */
    String lineStart(int maxBytes) {
        return new String(line, 0, Math.min(lineLength, maxBytes), StandardCharsets.UTF_8);
    }

    private void keep(int start, int stop, int maxBytes) {
        int room = maxBytes - lineLength;
        int count = stop - start;
        if (count > room) {
            lineTooLong = true;
            count = Math.max(room, 0);
        }
        if (count == 0) {
            return;
        }
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + count));
        }
        System.arraycopy(buffer, start, line, lineLength, count);
        lineLength += count;
    }

    private int indexOfNewline(int from) {
        for (int i = from; i < limit; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean fill() throws IOException {
        pos = 0;
        limit = 0;
        return fillMore();
    }

    /** Appends bytes to the buffer; returns false at the end of the stream. */
    private boolean fillMore() throws IOException {
        if (pos > 0 && pos == limit) {
            pos = 0;
            limit = 0;
        }
        int count = in.read(buffer, limit, buffer.length - limit);
        if (count <= 0) {
            return false;
        }
        limit += count;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
