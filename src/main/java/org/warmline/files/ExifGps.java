package org.warmline.files;

/**
 * Blanks the GPS directory of an Exif (TIFF) block in place, so the block keeps its length and every other offset
 * stays valid: each GPS entry and the values it points to are overwritten with zeros and the directory's entry count
 * set to 0. The orientation and every other tag stay. Malformed structures are left as they are (what is left is
 * caught when the cleaned file is read back).
 */
final class ExifGps {

    private static final int GPS_POINTER = 0x8825;
    private static final int[] TYPE_SIZES = {0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4};

    private ExifGps() {
    }

    /**
     * @param tiff  the bytes holding the TIFF structure
     * @param start where the TIFF header ({@code II*} or {@code MM*}) begins
     * @param end   where the structure must end at the latest
     * @return whether a GPS directory was blanked
     */
    static boolean blank(byte[] tiff, int start, int end) {
        if (end - start < 8) {
            return false;
        }
        boolean little;
        if (tiff[start] == 'I' && tiff[start + 1] == 'I') {
            little = true;
        } else if (tiff[start] == 'M' && tiff[start + 1] == 'M') {
            little = false;
        } else {
            return false;
        }
        Reader r = new Reader(tiff, start, end, little);
        boolean blanked = false;
        long ifd = r.u32(4);
        for (int guard = 0; ifd > 0 && guard < 4; guard++) {
            int count = r.u16(ifd);
            if (count < 0) {
                break;
            }
            for (int i = 0; i < count; i++) {
                long entry = ifd + 2 + 12L * i;
                if (r.u16(entry) == GPS_POINTER) {
                    long gps = r.u32(entry + 8);
                    blanked |= blankDirectory(r, gps);
                }
            }
            ifd = r.u32(ifd + 2 + 12L * count);
        }
        return blanked;
    }

    private static boolean blankDirectory(Reader r, long ifd) {
        int count = r.u16(ifd);
        if (count <= 0) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            long entry = ifd + 2 + 12L * i;
            int type = r.u16(entry + 2);
            long n = r.u32(entry + 4);
            long bytes = type > 0 && type < TYPE_SIZES.length && n >= 0 ? TYPE_SIZES[type] * n : 0;
            if (bytes > 4) {
                r.zero(r.u32(entry + 8), bytes);
            }
            r.zero(entry, 12);
        }
        r.zero(ifd, 2);
        return true;
    }

    /** Bounds-checked reads and writes relative to the TIFF header; out of bounds reads give -1. */
    private record Reader(byte[] b, int start, int end, boolean little) {

        int u16(long at) {
            long p = start + at;
            if (at < 0 || p + 2 > end) {
                return -1;
            }
            int x = b[(int) p] & 0xFF;
            int y = b[(int) p + 1] & 0xFF;
            return little ? x | y << 8 : x << 8 | y;
        }

        long u32(long at) {
            long p = start + at;
            if (at < 0 || p + 4 > end) {
                return -1;
            }
            long v = 0;
            for (int i = 0; i < 4; i++) {
                int x = b[(int) p + (little ? 3 - i : i)] & 0xFF;
                v = v << 8 | x;
            }
            return v;
        }

        void zero(long at, long length) {
            long p = start + at;
            if (at < 0 || length <= 0 || p + length > end) {
                return;
            }
            java.util.Arrays.fill(b, (int) p, (int) (p + length), (byte) 0);
        }
    }
}
