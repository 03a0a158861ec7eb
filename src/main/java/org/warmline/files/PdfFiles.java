package org.warmline.files;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A PDF's sanity, without rendering it: it ends with an end-of-file marker, and its compressed streams do not inflate
 * beyond the limit (a PDF bomb: every {@code FlateDecode} stream is inflated, counted and discarded, the total
 * bounded); a stream compressed with LZW, whose expansion cannot be bounded as cheaply, is refused. Names written with
 * {@code #xx} escapes ({@code /Fl#61teDecode}) are read as what they spell.
 */
final class PdfFiles {

    private static final byte[] STREAM = "stream".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern ESCAPE = Pattern.compile("#([0-9A-Fa-f]{2})");
    private static final int DICTIONARY_WINDOW = 4096;
    private static final int TRAILER_WINDOW = 2048;

    private PdfFiles() {
    }

    static void check(Path file, long maxInflated) throws FileRefused {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE) {
                throw new FileRefused("files.refused.damaged");
            }
            MappedByteBuffer pdf = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            int length = (int) size;
            if (indexOf(pdf, "%%EOF".getBytes(StandardCharsets.US_ASCII), Math.max(0, length - TRAILER_WINDOW),
                    length) < 0) {
                throw new FileRefused("files.refused.damaged");
            }
            Inflater inflater = new Inflater();
            try {
                long total = 0;
                byte[] out = new byte[64 * 1024];
                byte[] in = new byte[64 * 1024];
                int at = 0;
                while ((at = indexOf(pdf, STREAM, at, length)) >= 0) {
                    int keyword = at;
                    at += STREAM.length;
                    if (keyword >= 3 && pdf.get(keyword - 3) == 'e' && pdf.get(keyword - 2) == 'n'
                            && pdf.get(keyword - 1) == 'd') {
                        continue; // endstream
                    }
                    int data = at;
                    if (data < length && pdf.get(data) == '\r') {
                        data++;
                    }
                    if (data < length && pdf.get(data) == '\n') {
                        data++;
                    }
                    if (data == at) {
                        continue; // "stream" inside some other word or text
                    }
                    String dictionary = dictionaryBefore(pdf, keyword);
                    if (dictionary.contains("/LZWDecode") || dictionary.contains("/LZW")) {
                        throw new FileRefused("files.refused.pdfLzw");
                    }
                    if (!dictionary.contains("/FlateDecode")) {
                        continue;
                    }
                    inflater.reset();
                    int position = data;
                    try {
                        while (!inflater.finished() && total <= maxInflated) {
                            if (inflater.needsInput()) {
                                if (position >= length) {
                                    break;
                                }
                                int chunk = Math.min(in.length, length - position);
                                pdf.get(position, in, 0, chunk);
                                position += chunk;
                                inflater.setInput(in, 0, chunk);
                            }
                            int n = inflater.inflate(out);
                            total += n;
                            if (n == 0 && (inflater.needsDictionary() || (!inflater.needsInput() && !inflater.finished()))) {
                                break;
                            }
                        }
                    } catch (DataFormatException damaged) {
                        // a broken stream: viewers skip it, and it inflates no further
                    }
                    if (total > maxInflated) {
                        throw new FileRefused("files.refused.inflated", Upload.megabytes(maxInflated));
                    }
                }
            } finally {
                inflater.end();
            }
        } catch (IOException | RuntimeException e) {
            throw new FileRefused("files.refused.damaged");
        }
    }

    /** The text of the object before a stream keyword (from its {@code obj}), with {@code #xx} escapes decoded. */
    private static String dictionaryBefore(MappedByteBuffer pdf, int keyword) {
        int from = Math.max(0, keyword - DICTIONARY_WINDOW);
        byte[] bytes = new byte[keyword - from];
        pdf.get(from, bytes);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        int obj = text.lastIndexOf(" obj");
        if (obj >= 0) {
            text = text.substring(obj);
        }
        Matcher m = ESCAPE.matcher(text);
        StringBuilder decoded = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(decoded, Matcher.quoteReplacement(
                    String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(decoded);
        return decoded.toString();
    }

    private static int indexOf(MappedByteBuffer buffer, byte[] pattern, int from, int to) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buffer.get(i + j) != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
