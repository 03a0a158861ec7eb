package org.warmline.cases;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.warmline.ledger.Instants.NONE;

/**
 * Reads the output of PostgreSQL's {@code COPY … TO STDOUT (FORMAT binary)} row by row and field by field, for the
 * field types the live assessment reads: {@code text}, {@code boolean}, {@code int4} and {@code timestamptz}. The format
 * (PostgreSQL documentation, "COPY — Binary Format"): an 11-byte signature, a 32-bit flags field and a header extension
 * of a given length; then per row a 16-bit field count ({@code -1} ends the data) and per field a 32-bit length
 * ({@code -1} for NULL) followed by that many bytes, all integers in network byte order. A {@code timestamptz} is a
 * 64-bit count of microseconds since 2000-01-01 00:00 UTC.
 *
 * <p>Any departure from the format (a wrong signature, a field of an unexpected width, data ending in the middle of a
 * row) is an {@link IOException}, never a wrong value.
 */
final class BinaryCopyReader implements LeanCases.Fields<IOException> {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** Microseconds from 1970-01-01 to 2000-01-01, PostgreSQL's epoch. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private int fieldsLeft;

    BinaryCopyReader(InputStream in) throws IOException {
        this.in = in;
        byte[] signature = bytes(SIGNATURE.length);
        if (!Arrays.equals(signature, SIGNATURE)) {
            throw new IOException("not PostgreSQL binary COPY data");
        }
        int flags = int4Raw();
        if ((flags & (1 << 16)) != 0) {
            throw new IOException("binary COPY data with OIDs is not expected");
        }
        int extension = int4Raw();
        if (extension < 0) {
            throw new IOException("bad binary COPY header");
        }
        skip(extension);
    }

    /**
     * Moves to the next row: true with its fields to read, false at the end of the data.
     *
     * @param fields the number of fields every row must have
     */
    boolean next(int fields) throws IOException {
        if (fieldsLeft != 0) {
            throw new IOException("previous row not read to its end");
        }
        int count = int2Raw();
        if (count == -1) {
            return false;
        }
        if (count != fields) {
            throw new IOException("row with " + count + " fields, expected " + fields);
        }
        fieldsLeft = count;
        return true;
    }

    /** A {@code text} field, or null. */
    @Override
    public String text() throws IOException {
        int length = length();
        if (length < 0) {
            return null;
        }
        if (length <= buffer.length) {
            fill(length);
            String value = new String(buffer, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }
        byte[] large = new byte[length];
        int copied = 0;
        while (copied < length) {
            fill(1);
            int n = Math.min(limit - position, length - copied);
            System.arraycopy(buffer, position, large, copied, n);
            position += n;
            copied += n;
        }
        return new String(large, StandardCharsets.UTF_8);
    }

    /** A {@code boolean} field (NULL is false, as {@link java.sql.ResultSet#getBoolean} reads it). */
    @Override
    public boolean bool() throws IOException {
        int length = length();
        if (length < 0) {
            return false;
        }
        expectWidth(length, 1);
        fill(1);
        return buffer[position++] != 0;
    }

    /** An {@code int4} field (NULL is 0). */
    @Override
    public int int4() throws IOException {
        int length = length();
        if (length < 0) {
            return 0;
        }
        expectWidth(length, 4);
        return int4Raw();
    }

    /**
     * A {@code timestamptz} field as epoch milliseconds (floored, as {@link java.time.Instant#toEpochMilli} gives them
     * for the instants a case holds), or {@link org.warmline.ledger.Instants#NONE} for NULL.
     */
    @Override
    public long instantMillis() throws IOException {
        int length = length();
        if (length < 0) {
            return NONE;
        }
        expectWidth(length, 8);
        long micros = int8Raw();
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            throw new IOException("infinite timestamp");
        }
        return Math.floorDiv(micros + POSTGRES_EPOCH_MICROS, 1000L);
    }

    // ------------------------------------------------------------------------------------------------ the bytes

    private int length() throws IOException {
        if (fieldsLeft == 0) {
            throw new IOException("more fields read than the row has");
        }
        fieldsLeft--;
        return int4Raw();
    }

    private static void expectWidth(int length, int width) throws IOException {
        if (length != width) {
            throw new IOException("field of " + length + " bytes, expected " + width);
        }
    }

    private int int2Raw() throws IOException {
        fill(2);
        int value = (short) (((buffer[position] & 0xFF) << 8) | (buffer[position + 1] & 0xFF));
        position += 2;
        return value;
    }

    private int int4Raw() throws IOException {
        fill(4);
        int value = ((buffer[position] & 0xFF) << 24) | ((buffer[position + 1] & 0xFF) << 16)
                | ((buffer[position + 2] & 0xFF) << 8) | (buffer[position + 3] & 0xFF);
        position += 4;
        return value;
    }

    private long int8Raw() throws IOException {
        long high = int4Raw() & 0xFFFF_FFFFL;
        long low = int4Raw() & 0xFFFF_FFFFL;
        return (high << 32) | low;
    }

    private byte[] bytes(int n) throws IOException {
        fill(n);
        byte[] value = Arrays.copyOfRange(buffer, position, position + n);
        position += n;
        return value;
    }

    private void skip(int n) throws IOException {
        int left = n;
        while (left > 0) {
            fill(1);
            int step = Math.min(left, limit - position);
            position += step;
            left -= step;
        }
    }

    /** Makes at least {@code n} (at most the buffer's size) unread bytes available. */
    private void fill(int n) throws IOException {
        if (limit - position >= n) {
            return;
        }
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
        while (limit < n) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                throw new EOFException("binary COPY data ends in the middle of a row");
            }
            limit += read;
        }
    }
}
