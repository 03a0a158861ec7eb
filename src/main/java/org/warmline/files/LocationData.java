package org.warmline.files;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;

/**
 * Removes location data from a photo without re-encoding it (no loss of quality, the orientation kept), writing the
 * cleaned photo to another file:
 * <ul>
 * <li>JPEG: the Exif block's GPS directory blanked ({@link ExifGps}); XMP blocks (which may repeat the location) and
 * Photoshop/IPTC blocks dropped;</li>
 * <li>PNG: the {@code eXIf} chunk's GPS directory blanked (its checksum written again) and the text chunks (where
 * XMP lives) dropped;</li>
 * <li>WebP: the {@code EXIF} chunk's GPS directory blanked and the {@code XMP } chunk dropped (its flag
 * cleared);</li>
 * <li>HEIC: the Exif item's GPS directory blanked in place and XMP items overwritten with spaces.</li>
 * </ul>
 * What the structure hides from this is caught by reading the cleaned file back ({@link ImageFiles#locationLeft}).
 */
final class LocationData {

    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] XMP = "http://ns.adobe.com/".getBytes(StandardCharsets.ISO_8859_1);
    private static final Set<String> PNG_DROPPED = Set.of("tEXt", "iTXt", "zTXt");
    private static final int MAX_EXIF_CHUNK = 1024 * 1024;

    private LocationData() {
    }

    static void remove(Path in, FileKind kind, Path out) throws IOException {
        switch (kind) {
            case JPEG -> jpeg(in, out);
            case PNG -> png(in, out);
            case WEBP -> webp(in, out);
            case HEIC -> heic(in, out);
            default -> Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void jpeg(Path in, Path out) throws IOException {
        try (DataInputStream src = new DataInputStream(new BufferedInputStream(Files.newInputStream(in)));
             OutputStream dst = new BufferedOutputStream(Files.newOutputStream(out))) {
            if (src.readUnsignedByte() != 0xFF || src.readUnsignedByte() != 0xD8) {
                throw new IOException("not a JPEG");
            }
            dst.write(0xFF);
            dst.write(0xD8);
            while (true) {
                int marker = src.readUnsignedByte();
                if (marker != 0xFF) {
                    throw new IOException("bad JPEG marker");
                }
                while (marker == 0xFF) {
                    marker = src.readUnsignedByte();
                }
                if (marker == 0xD9 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                    dst.write(0xFF);
                    dst.write(marker);
                    if (marker == 0xD9) {
                        return;
                    }
                    continue;
                }
                int length = src.readUnsignedShort();
                if (length < 2) {
                    throw new IOException("bad JPEG segment");
                }
                byte[] payload = new byte[length - 2];
                src.readFully(payload);
                boolean keep = true;
                if (marker == 0xE1 && startsWith(payload, EXIF)) {
                    ExifGps.blank(payload, EXIF.length, payload.length);
                } else if (marker == 0xE1 && startsWith(payload, XMP)) {
                    keep = false;
                } else if (marker == 0xED) {
                    keep = false; // Photoshop / IPTC
                }
                if (keep) {
                    dst.write(0xFF);
                    dst.write(marker);
                    dst.write(length >> 8);
                    dst.write(length & 0xFF);
                    dst.write(payload);
                }
                if (marker == 0xDA) { // start of scan: the compressed image and what follows, as it is
                    src.transferTo(dst);
                    return;
                }
            }
        }
    }

    private static void png(Path in, Path out) throws IOException {
        try (DataInputStream src = new DataInputStream(new BufferedInputStream(Files.newInputStream(in)));
             OutputStream dst = new BufferedOutputStream(Files.newOutputStream(out))) {
            byte[] signature = new byte[8];
            src.readFully(signature);
            dst.write(signature);
            while (true) {
                int length;
                try {
                    length = src.readInt();
                } catch (EOFException end) {
                    return;
                }
                byte[] type = new byte[4];
                src.readFully(type);
                String name = new String(type, StandardCharsets.ISO_8859_1);
                if (length < 0) {
                    throw new IOException("bad PNG chunk");
                }
                if (name.equals("eXIf") && length <= MAX_EXIF_CHUNK) {
                    byte[] exif = new byte[length];
                    src.readFully(exif);
                    src.readInt(); // the old checksum
                    ExifGps.blank(exif, 0, exif.length);
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(type);
                    crc.update(exif);
                    writeInt(dst, length);
                    dst.write(type);
                    dst.write(exif);
                    writeInt(dst, (int) crc.getValue());
                    continue;
                }
                boolean keep = !PNG_DROPPED.contains(name);
                if (keep) {
                    writeInt(dst, length);
                    dst.write(type);
                }
                copy(src, keep ? dst : OutputStream.nullOutputStream(), length + 4L); // data and CRC
                if (name.equals("IEND")) {
                    return;
                }
            }
        }
    }

    private static void webp(Path in, Path out) throws IOException {
        try (FileChannel src = FileChannel.open(in, StandardOpenOption.READ);
             OutputStream dst = new BufferedOutputStream(Files.newOutputStream(out))) {
            long size = src.size();
            ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
            src.read(header, 0);
            header.flip();
            long riffEnd = Math.min(size, 8 + (header.getInt(4) & 0xFFFFFFFFL));
            long kept = 4;
            for (int pass = 0; pass < 2; pass++) {
                if (pass == 1) {
                    ByteBuffer riff = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                    riff.put("RIFF".getBytes(StandardCharsets.ISO_8859_1)).putInt((int) kept)
                            .put("WEBP".getBytes(StandardCharsets.ISO_8859_1));
                    dst.write(riff.array());
                }
                long at = 12;
                while (at + 8 <= riffEnd) {
                    ByteBuffer chunk = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                    src.read(chunk, at);
                    chunk.flip();
                    byte[] fourcc = new byte[4];
                    chunk.get(fourcc);
                    long length = chunk.getInt() & 0xFFFFFFFFL;
                    long padded = length + (length & 1);
                    String name = new String(fourcc, StandardCharsets.ISO_8859_1);
                    if (at + 8 + length > riffEnd) {
                        throw new IOException("bad WebP chunk");
                    }
                    boolean keep = !name.equals("XMP ");
                    if (keep && pass == 0) {
                        kept += 8 + padded;
                    } else if (keep) {
                        ByteBuffer body = ByteBuffer.allocate((int) Math.min(padded, riffEnd - at - 8));
                        src.read(body, at + 8);
                        byte[] data = Arrays.copyOf(body.array(), (int) padded);
                        if (name.equals("VP8X") && data.length > 0) {
                            data[0] &= ~0x04; // no XMP
                        }
                        if (name.equals("EXIF")) {
                            ExifGps.blank(data, startsWith(data, EXIF) ? EXIF.length : 0, (int) length);
                        }
                        dst.write(fourcc);
                        dst.write(chunk.array(), 4, 4);
                        dst.write(data);
                    }
                    at += 8 + padded;
                }
            }
        }
    }

    private static void heic(Path in, Path out) throws IOException {
        Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel file = FileChannel.open(out, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            Heif.Meta meta = Heif.read(file);
            for (Heif.Extent e : meta.exif()) {
                if (e.length() < 8 || e.length() > 16 * 1024 * 1024 || e.offset() + e.length() > file.size()) {
                    continue;
                }
                ByteBuffer item = ByteBuffer.allocate((int) e.length());
                file.read(item, e.offset());
                byte[] bytes = item.array();
                int tiff = 4 + (int) Math.min(bytes.length, ByteBuffer.wrap(bytes).getInt() & 0xFFFFFFFFL);
                if (ExifGps.blank(bytes, tiff, bytes.length)) {
                    file.write(ByteBuffer.wrap(bytes), e.offset());
                }
            }
            for (Heif.Extent e : meta.xmp()) {
                if (e.offset() + e.length() <= file.size() && e.length() <= 16 * 1024 * 1024) {
                    byte[] spaces = new byte[(int) e.length()];
                    Arrays.fill(spaces, (byte) ' ');
                    file.write(ByteBuffer.wrap(spaces), e.offset());
                }
            }
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static void writeInt(OutputStream out, int v) throws IOException {
        out.write(v >>> 24);
        out.write(v >>> 16 & 0xFF);
        out.write(v >>> 8 & 0xFF);
        out.write(v & 0xFF);
    }

    private static void copy(InputStream in, OutputStream out, long n) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = n;
        while (left > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (r < 0) {
                throw new EOFException();
            }
            out.write(buffer, 0, r);
            left -= r;
        }
    }
}
