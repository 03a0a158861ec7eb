package org.warmline.records;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * The kinds of file a training record may keep, recognised by their content (magic bytes), never by the name or the
 * type the browser claims: PDF, Word and PowerPoint documents (the old OLE2 formats and the new zip-based ones) and
 * JPEG and PNG images. Anything else — an executable renamed {@code .pdf}, a spreadsheet, an arbitrary zip — is not a
 * file type at all ({@link #detect} is empty).
 */
public enum FileType {
    PDF("application/pdf", "pdf"),
    DOC("application/msword", "doc"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    PPT("application/vnd.ms-powerpoint", "ppt"),
    PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png");

    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG_MAGIC = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] ZIP_MAGIC = {'P', 'K', 0x03, 0x04};
    private static final byte[] OLE_MAGIC = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1,
            0x1A, (byte) 0xE1};
    /** More entries than any real document has: a file with more is not looked at further. */
    private static final int MAX_ZIP_ENTRIES = 20_000;

    private final String mediaType;
    private final String extension;

    FileType(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The media type the file is served with. */
    public String mediaType() {
        return mediaType;
    }

    /** The file name extension (without the dot) the file is saved with. */
    public String extension() {
        return extension;
    }

    /** The type of the content, or empty when it is none of the accepted types. */
    public static Optional<FileType> detect(byte[] content) {
        if (content == null || content.length < 8) {
            return Optional.empty();
        }
        if (startsWith(content, PDF_MAGIC)) {
            return Optional.of(PDF);
        }
        if (startsWith(content, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(content, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        if (startsWith(content, ZIP_MAGIC)) {
            return officeOpenXml(content);
        }
        if (startsWith(content, OLE_MAGIC)) {
            return oldOffice(content);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] content, byte[] magic) {
        if (content.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (content[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * A zip is a Word or PowerPoint document only when its central directory names the document's main part; its
     * entries are never inflated (so a zip bomb costs nothing), only their names are read.
     */
    private static Optional<FileType> officeOpenXml(byte[] zip) {
        Set<String> names = zipEntryNames(zip);
        if (names == null || !names.contains("[Content_Types].xml")) {
            return Optional.empty();
        }
        if (names.contains("word/document.xml")) {
            return Optional.of(DOCX);
        }
        if (names.contains("ppt/presentation.xml")) {
            return Optional.of(PPTX);
        }
        return Optional.empty();
    }

    /** The names in a zip's central directory, or null when it cannot be read. */
    static Set<String> zipEntryNames(byte[] zip) {
        int end = -1;
        for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xFFFF); i--) {
            if (int32(zip, i) == 0x06054b50) {
                end = i;
                break;
            }
        }
        if (end < 0) {
            return null;
        }
        int entries = int16(zip, end + 10);
        long size = int32(zip, end + 12) & 0xFFFFFFFFL;
        long offset = int32(zip, end + 16) & 0xFFFFFFFFL;
        if (entries > MAX_ZIP_ENTRIES || offset + size > end) {
            return null;
        }
        Set<String> names = new HashSet<>();
        int p = (int) offset;
        for (int i = 0; i < entries; i++) {
            if (p + 46 > end || int32(zip, p) != 0x02014b50) {
                return null;
            }
            int nameLength = int16(zip, p + 28);
            int extraLength = int16(zip, p + 30);
            int commentLength = int16(zip, p + 32);
            if (p + 46 + nameLength > end) {
                return null;
            }
            names.add(new String(zip, p + 46, nameLength, StandardCharsets.UTF_8));
            p += 46 + nameLength + extraLength + commentLength;
        }
        return names;
    }

    /** An OLE2 compound file is a Word or PowerPoint document only when it holds the document's main stream. */
    private static Optional<FileType> oldOffice(byte[] content) {
        try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(content))) {
            if (fs.getRoot().hasEntryCaseInsensitive("WordDocument")) {
                return Optional.of(DOC);
            }
            if (fs.getRoot().hasEntryCaseInsensitive("PowerPoint Document")) {
                return Optional.of(PPT);
            }
            return Optional.empty();
        } catch (Exception e) { // not a readable compound file
            return Optional.empty();
        }
    }

    private static int int16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }
}
