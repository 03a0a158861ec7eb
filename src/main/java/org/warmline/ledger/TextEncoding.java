package org.warmline.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The encoding and the field separator of one text file (a CSV file, or tab-separated text as Excel's "Unicode text"
 * writes it), detected from its bytes, never guessed:
 * <ul>
 * <li>a byte-order mark decides: UTF-8, UTF-16LE or UTF-16BE (UTF-32 is refused);</li>
 * <li>without one, the first stretch of text that is not plain ASCII (up to {@value #SAMPLE} bytes, from the first
 * such byte on) is decoded strictly as UTF-8 and as GB18030 (which covers GBK and GB2312): the encoding that decodes
 * it is the file's. When both decode the whole file, the header decides (the reading that names more known columns),
 * then the text: a wrong reading of either encoding gives rare characters, private-use ones or other scripts, so when
 * one reading is mostly common Chinese characters and punctuation and the other clearly is not, the first is the
 * file's. When neither decides, UTF-8 is read and a warning says that the file was ambiguous. A file in neither is refused naming
 * the encodings tried; a file of plain ASCII is UTF-8.</li>
 * </ul>
 * The field separator is a tab when the first line has more tabs than commas outside quotes, otherwise a comma.
 */
final class TextEncoding {

    /** Bytes of the stretch of text that decides the encoding. */
    static final int SAMPLE = 1 << 20;

    static final Charset GB18030 = Charset.forName("GB18030");

    /**
     * What the detection found.
     *
     * @param charset   the encoding, or null when the file is refused
     * @param skip      the bytes of a byte-order mark to skip (UTF-16; a UTF-8 mark is read and dropped as U+FEFF)
     * @param separator the field separator
     * @param label     the encoding's name as messages show it
     * @param warning   the key of the warning to give about the encoding, or null
     * @param refusal   the key of the problem when the file is refused, or null
     */
    record Detected(Charset charset, int skip, char separator, String label, String warning, String refusal) {

        boolean utf8() {
            return charset == StandardCharsets.UTF_8;
        }

        CharsetDecoder decoder() {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        /** The file's bytes from the first character on (after a UTF-16 byte-order mark). */
        InputStream open(Path path) throws IOException {
            InputStream in = Files.newInputStream(path);
            in.skipNBytes(skip);
            return in;
        }
    }

    private TextEncoding() {
    }

    static Detected detect(Path path) throws IOException {
        byte[] head = new byte[SAMPLE];
        int n;
        long size = Files.size(path);
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return refused("notCsv");
        }
        if (n >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && head[2] == 0x11
                && (head[3] & 0xFF) == 0xE0) {
            return refused("notCsv");
        }
        if (n >= 4 && ((head[0] == 0 && head[1] == 0 && (head[2] & 0xFF) == 0xFE && (head[3] & 0xFF) == 0xFF)
                || ((head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE && head[2] == 0 && head[3] == 0))) {
            return refused("utf32");
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return found(StandardCharsets.UTF_16LE, 2, "UTF-16LE", "readAsUtf16", head, n);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return found(StandardCharsets.UTF_16BE, 2, "UTF-16BE", "readAsUtf16", head, n);
        }
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return found(StandardCharsets.UTF_8, 0, "UTF-8", null, head, n);
        }
        int probe = Math.min(n, 8192);
        for (int i = 0; i < probe; i++) {
            if (head[i] == 0) {
                return refused("noText"); // UTF-16 or UTF-32 without a byte-order mark, or a binary file
            }
        }
        byte[] sample = head;
        int from = firstNonAscii(head, 0, n);
        int length = n;
        if (from < 0 && size > n) {
            // plain ASCII so far: the first stretch further on that is not decides
            Stretch later = laterStretch(path, n);
            if (later != null) {
                sample = later.bytes();
                from = 0;
                length = later.length();
            }
        }
        if (from < 0) {
            return found(StandardCharsets.UTF_8, 0, "UTF-8", null, head, n);
        }
        boolean complete = sample == head && n == size;
        boolean utf8 = decodes(StandardCharsets.UTF_8, sample, from, length, complete);
        boolean gb = decodes(GB18030, sample, from, length, complete);
        if (utf8 && !gb) {
            return found(StandardCharsets.UTF_8, 0, "UTF-8", null, head, n);
        }
        if (gb && !utf8) {
            return found(GB18030, 0, "GB18030", "readAsGb18030", head, n);
        }
        if (!utf8) {
            return refused("unknownEncoding");
        }
        // both decode the sample: the whole file decides, then the header
        if (!complete) {
            utf8 = decodesWhole(path, StandardCharsets.UTF_8);
            gb = decodesWhole(path, GB18030);
            if (utf8 != gb) {
                return utf8 ? found(StandardCharsets.UTF_8, 0, "UTF-8", null, head, n)
                        : found(GB18030, 0, "GB18030", "readAsGb18030", head, n);
            }
            if (!utf8) {
                return refused("unknownEncoding");
            }
        }
        int utf8Names = knownNames(firstLine(head, n, StandardCharsets.UTF_8));
        int gbNames = knownNames(firstLine(head, n, GB18030));
        if (gbNames != utf8Names) {
            return gbNames > utf8Names ? found(GB18030, 0, "GB18030", "readAsGb18030", head, n)
                    : found(StandardCharsets.UTF_8, 0, "UTF-8", null, head, n);
        }
        // the text decides when one reading is ordinary Chinese and the other is not (a wrong reading of either
        // gives rare characters, private-use ones or other scripts, hardly ever the common ones)
        double utf8Common = commonShare(new String(sample, from, length - from, StandardCharsets.UTF_8));
        double gbCommon = commonShare(new String(sample, from, length - from, GB18030));
        if (utf8Common >= 0.8 && utf8Common - gbCommon >= 0.3) {
            return found(StandardCharsets.UTF_8, 0, "UTF-8", null, head, n);
        }
        if (gbCommon >= 0.8 && gbCommon - utf8Common >= 0.3) {
            return found(GB18030, 0, "GB18030", "readAsGb18030", head, n);
        }
        return found(StandardCharsets.UTF_8, 0, "UTF-8", "ambiguousEncoding", head, n);
    }

    private static Detected refused(String key) {
        return new Detected(null, 0, ',', "", null, key);
    }

    private static Detected found(Charset charset, int skip, String label, String warning, byte[] head, int n) {
        String line = firstLine(Arrays.copyOfRange(head, skip, n), n - skip, charset);
        return new Detected(charset, skip, separator(line), label, warning, null);
    }

    /** A tab when the line has more tabs than commas outside quotes, otherwise a comma. */
    static char separator(String line) {
        int tabs = 0;
        int commas = 0;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '\t') {
                tabs++;
            } else if (!quoted && c == ',') {
                commas++;
            }
        }
        return tabs > commas ? '\t' : ',';
    }

    /** How many cells of a header line (split at tabs or commas) name a column of any table. */
    private static int knownNames(String line) {
        int count = 0;
        for (String cell : line.split("[\t,]")) {
            String name = cell.replace("\uFEFF", "").replace("\"", "").trim();
            for (LedgerTable table : LedgerTable.values()) {
                if (!name.isEmpty() && table.column(name) >= 0) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    /** The first line of the bytes, decoded leniently (a header is short; the rest is never needed here). */
    private static String firstLine(byte[] bytes, int n, Charset charset) {
        String text = new String(bytes, 0, Math.min(n, 1 << 16), charset);
        int end = text.indexOf('\n');
        int cr = text.indexOf('\r');
        if (cr >= 0 && (end < 0 || cr < end)) {
            end = cr;
        }
        return end < 0 ? text : text.substring(0, end);
    }

    /** The characters of GB2312's common Chinese characters (level 1) and its punctuation and full-width forms. */
    private static volatile java.util.BitSet commonChars;

    /** The share of the text's characters beyond ASCII that are common Chinese characters or Chinese punctuation. */
    static double commonShare(String text) {
        java.util.BitSet set = commonChars();
        long beyond = text.chars().filter(c -> c >= 0x80 && c != 0xFEFF && c != 0xFFFD).count();
        long common = text.chars().filter(c -> c >= 0x80 && set.get(c)).count();
        return beyond == 0 ? 0 : (double) common / beyond;
    }

    private static java.util.BitSet commonChars() {
        java.util.BitSet set = commonChars;
        if (set == null) {
            set = new java.util.BitSet(0x10000);
            byte[] pair = new byte[2];
            java.nio.charset.CharsetDecoder gb2312 = Charset.forName("GB2312").newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            // EUC-CN rows A1-A3 (punctuation, full-width forms) and B0-D7 (the 3,755 common characters)
            for (int lead = 0xA1; lead <= 0xD7; lead++) {
                if (lead > 0xA3 && lead < 0xB0) {
                    continue;
                }
                for (int trail = 0xA1; trail <= 0xFE; trail++) {
                    pair[0] = (byte) lead;
                    pair[1] = (byte) trail;
                    try {
                        String c = gb2312.decode(ByteBuffer.wrap(pair)).toString();
                        if (c.length() == 1) {
                            set.set(c.charAt(0));
                        }
                    } catch (java.nio.charset.CharacterCodingException e) {
                        // an empty position of the table
                    }
                }
            }
            commonChars = set;
        }
        return set;
    }

    private static int firstNonAscii(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return i;
            }
        }
        return -1;
    }

    private record Stretch(byte[] bytes, int length) {
    }

    /** The {@value #SAMPLE} bytes from the first byte that is not ASCII at or after {@code from}, or null. */
    private static Stretch laterStretch(Path path, long from) throws IOException {
        byte[] buffer = new byte[SAMPLE];
        try (InputStream in = Files.newInputStream(path)) {
            in.skipNBytes(from);
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                int at = firstNonAscii(buffer, 0, n);
                if (at >= 0) {
                    byte[] stretch = new byte[SAMPLE];
                    int kept = n - at;
                    System.arraycopy(buffer, at, stretch, 0, kept);
                    int more = in.readNBytes(stretch, kept, SAMPLE - kept);
                    return new Stretch(stretch, kept + more);
                }
            }
        }
        return null;
    }

    /**
     * Whether the bytes decode strictly; with {@code complete} false, a character cut at the end of the bytes is
     * not held against them.
     */
    static boolean decodes(Charset charset, byte[] bytes, int from, int to, boolean complete) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(8192);
        while (true) {
            CoderResult result = decoder.decode(in, out, complete);
            if (result.isError()) {
                return false;
            }
            if (result.isOverflow()) {
                out.clear();
                continue;
            }
            break;
        }
        if (complete) {
            out.clear();
            return !decoder.flush(out).isError();
        }
        return true;
    }

    private static boolean decodesWhole(Path path, Charset charset) throws IOException {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (var reader = new java.io.InputStreamReader(Files.newInputStream(path), decoder)) {
            char[] buffer = new char[1 << 16];
            while (reader.read(buffer) >= 0) {
                // decoding is the check
            }
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }
}
