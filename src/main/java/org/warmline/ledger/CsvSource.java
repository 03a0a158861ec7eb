package org.warmline.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.StringArrayHandler;

/**
 * Streams one CSV file (UTF-8, optional BOM) into a {@link Cells.RowSink}. The file is never loaded whole: FastCSV reads
 * it record by record through a strict UTF-8 decoder, with limits on the field size and the number of fields.
 */
final class CsvSource {

    private static final Pattern FIELD_INDEX = Pattern.compile("Field at index (\\d+)");

    private CsvSource() {
    }

    static void read(Path path, String file, Cells.RowSink sink, Problems problems, LedgerReader.Limits limits) {
        try {
            long size = Files.size(path);
            if (size > limits.maxFileBytes()) {
                problems.add(file, 0, "", "fileTooLarge", limits.maxFileBytes() / (1024 * 1024));
                return;
            }
            if (!looksLikeText(path)) {
                problems.add(file, 0, "", "notCsv");
                return;
            }
        } catch (IOException e) {
            problems.add(file, 0, "", "unreadable", e.getMessage());
            return;
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        StringArrayHandler handler = StringArrayHandler.builder()
                .maxFields(limits.maxColumns())
                .maxFieldSize(limits.maxCellChars())
                .maxRecordSize(Math.max(limits.maxCellChars(), limits.maxRecordChars()))
                .build();
        int row = 0;
        String[] header = null;
        try (InputStream in = Files.newInputStream(path);
             Reader reader = new InputStreamReader(in, decoder);
             CsvReader<String[]> csv = CsvReader.builder()
                     .skipEmptyLines(false)
                     .allowExtraFields(true)
                     .allowMissingFields(true)
                     .build(handler, reader);
             CloseableIterator<String[]> records = csv.iterator()) {
            while (records.hasNext()) {
                String[] record = records.next();
                row++;
                if (row == 1) {
                    if (record.length > 0) {
                        record[0] = record[0].replace("\uFEFF", "");
                    }
                    header = record;
                    sink.header(row, record);
                } else {
                    sink.row(row, record);
                }
            }
            if (row == 0) {
                problems.add(file, 0, "", "noHeader");
            }
        } catch (CsvParseException e) {
            StringBuilder all = new StringBuilder();
            for (Throwable t = e; t != null && all.length() < 10_000; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof UncheckedIOException || t instanceof IOException) {
                    report(t instanceof UncheckedIOException u ? u.getCause() : t, file, row, problems);
                    return;
                }
                all.append(t.getMessage()).append(' ');
            }
            String message = all.toString();
            if (message.contains("max field size") || message.contains("max record size")) {
                Matcher m = FIELD_INDEX.matcher(message);
                String column = "";
                if (m.find()) {
                    int index = Integer.parseInt(m.group(1));
                    column = header != null && index < header.length && row >= 1 ? header[index].trim()
                            : Cells.letters(index);
                }
                problems.add(file, row + 1, column, "cellTooLong", limits.maxCellChars());
            } else if (message.contains("maximum limit of") && message.contains("fields")) {
                problems.add(file, row + 1, "", "tooManyColumns", limits.maxColumns());
            } else {
                problems.add(file, row + 1, "", "badCsv", String.valueOf(e.getMessage()));
            }
        } catch (UncheckedIOException e) {
            report(e.getCause(), file, row, problems);
        } catch (IOException e) {
            report(e, file, row, problems);
        }
    }

    private static void report(Throwable e, String file, int row, Problems problems) {
        if (e instanceof CharacterCodingException) {
            problems.add(file, row + 1, "", "notUtf8");
        } else {
            problems.add(file, 0, "", "unreadable", String.valueOf(e.getMessage()));
        }
    }

    /** Rejects binary files early: a NUL byte in the first 8 KB, or the signature of a zip or an OLE2 (.xls) file. */
    private static boolean looksLikeText(Path path) throws IOException {
        byte[] head = new byte[8192];
        int n;
        try (InputStream in = Files.newInputStream(path)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return false;
        }
        if (n >= 4 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF && head[2] == 0x11
                && (head[3] & 0xFF) == 0xE0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (head[i] == 0) {
                return false;
            }
        }
        return true;
    }
}
