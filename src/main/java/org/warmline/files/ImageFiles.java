package org.warmline.files;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import com.drew.metadata.xmp.XmpDirectory;

/**
 * Photos: their size read from the header before anything decodes them (ImageIO's readers, with TwelveMonkeys' JPEG
 * and WebP readers; {@link Heif} for HEIC), whether location data is left in a file (read back with the
 * metadata-extractor library, independently of {@link LocationData}), and a small JPEG preview decoded with
 * subsampling, so a large photo never needs its full size in memory, turned upright by its Exif orientation.
 */
final class ImageFiles {

    /** Width and height in pixels. */
    record Size(int width, int height) {
    }

    static {
        ImageIO.setUseCache(false);
        ImageIO.scanForPlugins(); // the TwelveMonkeys readers, whatever class loader asked first
    }

    private ImageFiles() {
    }

    static Size size(Path file, FileKind kind) throws FileRefused {
        try {
            if (kind == FileKind.HEIC) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    Heif.Meta meta = Heif.read(channel);
                    if (meta.width() <= 0 || meta.height() <= 0) {
                        throw new FileRefused("files.refused.damaged");
                    }
                    return new Size(meta.width(), meta.height());
                }
            }
            try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
                ImageReader reader = reader(in);
                try {
                    reader.setInput(in, true, true);
                    return new Size(reader.getWidth(0), reader.getHeight(0));
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new FileRefused("files.refused.damaged");
        }
    }

    /** Whether location data (GPS tags, or a location in XMP) can still be read from the file. */
    static boolean locationLeft(Path file) {
        Metadata metadata;
        try {
            metadata = ImageMetadataReader.readMetadata(file.toFile());
        } catch (Exception unreadable) {
            return false; // nothing readable, so no location readable either
        }
        for (GpsDirectory gps : metadata.getDirectoriesOfType(GpsDirectory.class)) {
            if (gps.getTagCount() > 0 && gps.getTags().stream().anyMatch(t -> gps.getObject(t.getTagType()) != null
                    && !(gps.getObject(t.getTagType()) instanceof Number n && n.intValue() == 0))) {
                return true;
            }
        }
        for (XmpDirectory xmp : metadata.getDirectoriesOfType(XmpDirectory.class)) {
            for (Map.Entry<String, String> p : xmp.getXmpProperties().entrySet()) {
                if (p.getKey().contains("GPS") || p.getKey().contains("Location")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * A JPEG preview of at most {@code maxSide} pixels a side, upright; empty when the photo cannot be decoded here
     * (HEIC) or is damaged.
     */
    static Optional<byte[]> preview(Path file, FileKind kind, int maxSide) {
        if (!kind.showable()) {
            return Optional.empty();
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = reader(in);
            BufferedImage decoded;
            try {
                reader.setInput(in, true, true);
                int longest = Math.max(reader.getWidth(0), reader.getHeight(0));
                ImageReadParam param = reader.getDefaultReadParam();
                int step = Math.max(1, longest / (maxSide * 2));
                param.setSourceSubsampling(step, step, 0, 0);
                decoded = reader.read(0, param);
            } finally {
                reader.dispose();
            }
            BufferedImage preview = upright(scaled(decoded, maxSide), orientation(file));
            return Optional.of(jpeg(preview));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static ImageReader reader(ImageInputStream in) throws IOException {
        if (in == null) {
            throw new IOException("no input");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new IOException("no reader");
        }
        return readers.next();
    }

    private static BufferedImage scaled(BufferedImage image, int maxSide) {
        double scale = Math.min(1.0, (double) maxSide / Math.max(image.getWidth(), image.getHeight()));
        int w = Math.max(1, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(image.getHeight() * scale));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The Exif orientation (1-8), 1 when there is none. */
    private static int orientation(Path file) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(file.toFile());
            for (Directory d : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
                if (d.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                    return d.getInt(ExifIFD0Directory.TAG_ORIENTATION);
                }
            }
        } catch (Exception none) {
            // no readable orientation: as stored
        }
        return 1;
    }

    /** The image turned as its Exif orientation says (TIFF 6.0 tag 274). */
    static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = orientation >= 5;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(image, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.8f);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
