package org.warmline.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the desk reads of a HEIC photo's ISO base media file structure (ISO/IEC 14496-12, 23008-12) without decoding
 * it: the image's size (the largest {@code ispe} property: the coded size, before any cropping, so at least the
 * size shown) and where its Exif and XMP metadata items lie in the file
 * ({@code iinf} and {@code iloc} of the {@code meta} box). There is no maintained decoder of HEVC images for Java, so
 * the desk stores HEIC photos without decoding them (no preview).
 */
final class Heif {

    /** A part of the file: offset and length. */
    record Extent(long offset, long length) {
    }

    /** The metadata box's findings. */
    record Meta(int width, int height, List<Extent> exif, List<Extent> xmp) {
    }

    private static final int MAX_META = 4 * 1024 * 1024;

    private Heif() {
    }

    /** Reads the {@code meta} box, or throws when the file has none readable. */
    static Meta read(FileChannel file) throws IOException {
        long size = file.size();
        long at = 0;
        while (at + 8 <= size) {
            ByteBuffer header = ByteBuffer.allocate(16);
            file.read(header, at);
            header.flip();
            long boxSize = header.getInt() & 0xFFFFFFFFL;
            String type = type(header);
            int headerLength = 8;
            if (boxSize == 1) {
                boxSize = header.getLong();
                headerLength = 16;
            } else if (boxSize == 0) {
                boxSize = size - at;
            }
            if (boxSize < headerLength || at + boxSize > size) {
                throw new IOException("bad box " + type);
            }
            if (type.equals("meta")) {
                if (boxSize > MAX_META) {
                    throw new IOException("meta box too large");
                }
                ByteBuffer meta = ByteBuffer.allocate((int) (boxSize - headerLength));
                file.read(meta, at + headerLength);
                meta.flip();
                return meta(meta, at + headerLength);
            }
            at += boxSize;
        }
        throw new IOException("no meta box");
    }

    private static Meta meta(ByteBuffer meta, long metaStart) throws IOException {
        meta.getInt(); // version and flags
        int width = 0;
        int height = 0;
        List<Long> exifItems = new ArrayList<>();
        List<Long> xmpItems = new ArrayList<>();
        List<long[]> locations = new ArrayList<>(); // item, construction method, offset, length
        long idatStart = -1;
        while (meta.remaining() >= 8) {
            int start = meta.position();
            long boxSize = meta.getInt() & 0xFFFFFFFFL;
            String type = type(meta);
            if (boxSize < 8 || start + boxSize > meta.limit()) {
                throw new IOException("bad box in meta");
            }
            ByteBuffer box = meta.slice(start + 8, (int) boxSize - 8);
            switch (type) {
                case "iprp" -> {
                    long[] size = largestSpatialExtent(box);
                    width = (int) size[0];
                    height = (int) size[1];
                }
                case "iinf" -> items(box, exifItems, xmpItems);
                case "iloc" -> locations(box, locations);
                case "idat" -> idatStart = metaStart + start + 8;
                default -> { }
            }
            meta.position((int) (start + boxSize));
        }
        return new Meta(width, height, extents(exifItems, locations, idatStart),
                extents(xmpItems, locations, idatStart));
    }

    private static List<Extent> extents(List<Long> items, List<long[]> locations, long idatStart) {
        List<Extent> out = new ArrayList<>();
        for (long[] l : locations) {
            if (!items.contains(l[0])) {
                continue;
            }
            if (l[1] == 0) {
                out.add(new Extent(l[2], l[3]));
            } else if (l[1] == 1 && idatStart >= 0) {
                out.add(new Extent(idatStart + l[2], l[3]));
            }
        }
        return out;
    }

    /** The largest {@code ispe} (image spatial extents) in {@code iprp/ipco}: width and height. */
    private static long[] largestSpatialExtent(ByteBuffer iprp) {
        long[] best = {0, 0};
        while (iprp.remaining() >= 8) {
            int start = iprp.position();
            long size = iprp.getInt() & 0xFFFFFFFFL;
            String type = type(iprp);
            if (size < 8 || start + size > iprp.limit()) {
                break;
            }
            if (type.equals("ipco")) {
                ByteBuffer ipco = iprp.slice(start + 8, (int) size - 8);
                while (ipco.remaining() >= 8) {
                    int p = ipco.position();
                    long s = ipco.getInt() & 0xFFFFFFFFL;
                    String t = type(ipco);
                    if (s < 8 || p + s > ipco.limit()) {
                        break;
                    }
                    if (t.equals("ispe") && s >= 20) {
                        ipco.getInt();
                        long w = ipco.getInt() & 0xFFFFFFFFL;
                        long h = ipco.getInt() & 0xFFFFFFFFL;
                        if (w * h > best[0] * best[1]) {
                            best = new long[] {w, h};
                        }
                    }
                    ipco.position((int) (p + s));
                }
            }
            iprp.position((int) (start + size));
        }
        return best;
    }

    /** The ids of the Exif items and of the XMP items ({@code mime} items of type application/rdf+xml). */
    private static void items(ByteBuffer iinf, List<Long> exif, List<Long> xmp) {
        int version = iinf.get() & 0xFF;
        iinf.position(iinf.position() + 3);
        long count = version == 0 ? iinf.getShort() & 0xFFFF : iinf.getInt() & 0xFFFFFFFFL;
        for (long i = 0; i < count && iinf.remaining() >= 8; i++) {
            int start = iinf.position();
            long size = iinf.getInt() & 0xFFFFFFFFL;
            String type = type(iinf);
            if (size < 8 || start + size > iinf.limit()) {
                return;
            }
            if (type.equals("infe")) {
                ByteBuffer infe = iinf.slice(start + 8, (int) size - 8);
                int v = infe.get() & 0xFF;
                infe.position(4);
                if (v >= 2) {
                    long id = v == 2 ? infe.getShort() & 0xFFFF : infe.getInt() & 0xFFFFFFFFL;
                    infe.getShort(); // protection index
                    String itemType = type(infe);
                    if (itemType.equals("Exif")) {
                        exif.add(id);
                    } else if (itemType.equals("mime")) {
                        string(infe); // item name
                        if (string(infe).startsWith("application/rdf+xml")) {
                            xmp.add(id);
                        }
                    }
                }
            }
            iinf.position((int) (start + size));
        }
    }

    /** The extents of every item in {@code iloc}: item id, construction method, offset, length. */
    private static void locations(ByteBuffer iloc, List<long[]> out) {
        int version = iloc.get() & 0xFF;
        iloc.position(iloc.position() + 3);
        int sizes = iloc.getShort() & 0xFFFF;
        int offsetSize = sizes >> 12 & 0xF;
        int lengthSize = sizes >> 8 & 0xF;
        int baseOffsetSize = sizes >> 4 & 0xF;
        int indexSize = version == 1 || version == 2 ? sizes & 0xF : 0;
        long count = version < 2 ? iloc.getShort() & 0xFFFF : iloc.getInt() & 0xFFFFFFFFL;
        for (long i = 0; i < count && iloc.remaining() > 0; i++) {
            long id = version < 2 ? iloc.getShort() & 0xFFFF : iloc.getInt() & 0xFFFFFFFFL;
            int method = 0;
            if (version == 1 || version == 2) {
                method = iloc.getShort() & 0xF;
            }
            iloc.getShort(); // data reference index
            long base = sized(iloc, baseOffsetSize);
            int extents = iloc.getShort() & 0xFFFF;
            for (int e = 0; e < extents; e++) {
                sized(iloc, indexSize);
                long offset = sized(iloc, offsetSize);
                long length = sized(iloc, lengthSize);
                out.add(new long[] {id, method, base + offset, length});
            }
        }
    }

    private static long sized(ByteBuffer b, int bytes) {
        return switch (bytes) {
            case 0 -> 0;
            case 4 -> b.getInt() & 0xFFFFFFFFL;
            case 8 -> b.getLong();
            default -> throw new IllegalArgumentException("field size " + bytes);
        };
    }

    private static String type(ByteBuffer b) {
        byte[] t = new byte[4];
        b.get(t);
        return new String(t, StandardCharsets.ISO_8859_1);
    }

    private static String string(ByteBuffer b) {
        StringBuilder s = new StringBuilder();
        while (b.hasRemaining()) {
            byte c = b.get();
            if (c == 0) {
                break;
            }
            s.append((char) (c & 0xFF));
        }
        return s.toString();
    }
}
