package org.warmline.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Office documents, checked beyond their first bytes:
 * <ul>
 * <li>zip-based (DOCX, XLSX, PPTX): the kind by the document's main part; every entry inflated (counted, never kept)
 * and refused when the whole inflates beyond the limit (a zip bomb: a 2 MB file that inflates to 2 GiB stops at the
 * limit); its XML parts refused when they declare a DOCTYPE or an entity (XML external entities) or are not UTF-8;
 * macros ({@code vbaProject.bin}) refused;</li>
 * <li>compound files (DOC, XLS, PPT): the kind by the document's main stream; macros and encrypted documents
 * refused.</li>
 * </ul>
 */
final class OfficeFiles {

    /** More entries than any real document has. */
    private static final int MAX_ENTRIES = 10_000;
    private static final byte[][] MARKERS = {"<!DOCTYPE".getBytes(), "<!ENTITY".getBytes()};

    private OfficeFiles() {
    }

    /** The kind of a zip-based Office document. */
    static FileKind zipKind(Path file, long maxInflated) throws FileRefused {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() > MAX_ENTRIES) {
                throw new FileRefused("files.refused.damaged");
            }
            boolean contentTypes = false;
            FileKind kind = null;
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                String name = e.nextElement().getName();
                String lower = name.toLowerCase(Locale.ROOT);
                contentTypes |= name.equals("[Content_Types].xml");
                if (lower.endsWith("vbaproject.bin") || lower.endsWith("vbadata.xml")) {
                    throw new FileRefused("files.refused.macros");
                }
                if (name.equals("word/document.xml")) {
                    kind = FileKind.DOCX;
                } else if (name.equals("xl/workbook.xml")) {
                    kind = FileKind.XLSX;
                } else if (name.equals("ppt/presentation.xml")) {
                    kind = FileKind.PPTX;
                }
            }
            if (!contentTypes || kind == null) {
                throw new FileRefused("files.refused.type", "ZIP");
            }
            long total = 0;
            byte[] buffer = new byte[64 * 1024];
            for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
                ZipEntry entry = e.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String lower = entry.getName().toLowerCase(Locale.ROOT);
                Markup markup = lower.endsWith(".xml") || lower.endsWith(".rels") || lower.endsWith(".vml")
                        ? new Markup() : null;
                try (InputStream in = zip.getInputStream(entry)) {
                    int n;
                    while ((n = in.read(buffer)) >= 0) {
                        total += n;
                        if (total > maxInflated) {
                            throw new FileRefused("files.refused.inflated", Upload.megabytes(maxInflated));
                        }
                        if (markup != null) {
                            markup.feed(buffer, n);
                        }
                    }
                }
            }
            return kind;
        } catch (IOException | RuntimeException e) {
            throw new FileRefused("files.refused.damaged");
        }
    }

    /** The kind of an OLE2 compound Office document. */
    static FileKind compoundKind(Path file) throws FileRefused {
        try (POIFSFileSystem fs = new POIFSFileSystem(file.toFile(), true)) {
            DirectoryNode root = fs.getRoot();
            if (root.hasEntryCaseInsensitive("EncryptedPackage") || root.hasEntryCaseInsensitive("EncryptionInfo")) {
                throw new FileRefused("files.refused.encrypted");
            }
            if (root.hasEntryCaseInsensitive("Macros") || root.hasEntryCaseInsensitive("_VBA_PROJECT_CUR")
                    || root.hasEntryCaseInsensitive("VBA")) {
                throw new FileRefused("files.refused.macros");
            }
            if (root.hasEntryCaseInsensitive("WordDocument")) {
                return FileKind.DOC;
            }
            if (root.hasEntryCaseInsensitive("Workbook") || root.hasEntryCaseInsensitive("Book")) {
                return FileKind.XLS;
            }
            if (root.hasEntryCaseInsensitive("PowerPoint Document")) {
                return FileKind.PPT;
            }
            throw new FileRefused("files.refused.type", "OLE2");
        } catch (IOException | RuntimeException e) { // not a readable compound file
            throw new FileRefused("files.refused.damaged");
        }
    }

    /**
     * Watches an XML part as it is inflated: refuses a part that is not UTF-8 (a UTF-16 or UTF-32 part could hide its
     * declarations from a byte search) and a DOCTYPE or ENTITY declaration anywhere in it.
     */
    private static final class Markup {
        private final int[] matched = new int[MARKERS.length];
        private long seen;

        void feed(byte[] bytes, int n) throws FileRefused {
            for (int i = 0; i < n; i++) {
                int b = bytes[i] & 0xFF;
                if (seen < 4 && (b == 0 || (seen == 0 && (b == 0xFE || b == 0xFF)))) {
                    throw new FileRefused("files.refused.encoding");
                }
                seen++;
                int upper = b >= 'a' && b <= 'z' ? b - 32 : b;
                for (int m = 0; m < MARKERS.length; m++) {
                    byte[] marker = MARKERS[m];
                    if (upper == marker[matched[m]]) {
                        if (++matched[m] == marker.length) {
                            throw new FileRefused("files.refused.doctype");
                        }
                    } else {
                        matched[m] = upper == marker[0] ? 1 : 0;
                    }
                }
            }
        }
    }
}
