package org.warmline.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/**
 * The one check of every uploaded file, before anything is stored ({@link Upload} has already bounded its size):
 * <ol>
 * <li>its name: refused with path parts or control or formatting characters ({@link FileNames});</li>
 * <li>its type by content, by Apache Tika's detector (the name and the browser's claim are not shown to it): SVG,
 * HTML and XML are refused as such, anything not among {@link FileKind} as an unaccepted type;</li>
 * <li>whether this use accepts the kind;</li>
 * <li>by kind: a photo's pixel count read from its header before anything decodes it (a decompression bomb such as
 * 50,000 × 50,000 pixels is refused); a zip-based Office document inflated and counted, and refused with a DOCTYPE,
 * an entity, macros or beyond the inflated-size limit; a compound Office document's main stream; a PDF's end marker
 * and its compressed streams' inflated size ({@link OfficeFiles}, {@link PdfFiles}).</li>
 * </ol>
 * Settings: {@code warmline.files.max-inflated-size} (default 100MB) and {@code warmline.files.max-image-pixels}
 * (default 100,000,000).
 */
@Component
public class FileChecker {

    /** A file that passed: the name it is kept under, its kind, size and SHA-256 (hex), and a photo's size in pixels. */
    public record Checked(String fileName, FileKind kind, long size, String sha256, Integer width, Integer height) {
    }

    private static final Set<String> MARKUP = Set.of("image/svg+xml", "text/html", "application/xhtml+xml",
            "application/xml", "text/xml");
    private static final Map<String, FileKind> DIRECT = Map.of("image/jpeg", FileKind.JPEG, "image/png", FileKind.PNG,
            "image/webp", FileKind.WEBP, "image/heic", FileKind.HEIC, "image/heif", FileKind.HEIC,
            "application/pdf", FileKind.PDF);

    private final Detector detector = new DefaultDetector();
    private final long maxInflated;
    private final long maxPixels;

    public FileChecker(@Value("${warmline.files.max-inflated-size:100MB}") DataSize maxInflated,
                       @Value("${warmline.files.max-image-pixels:100000000}") long maxPixels) {
        this.maxInflated = maxInflated.toBytes();
        this.maxPixels = maxPixels;
    }

    /** The largest number of pixels a photo may have. */
    public long maxPixels() {
        return maxPixels;
    }

    /**
     * Checks an upload for a use that accepts these kinds.
     *
     * @throws FileRefused with the reason; nothing about the file is kept
     */
    public Checked check(Upload upload, Set<FileKind> accepted) throws FileRefused {
        Path file = upload.path();
        MediaType detected = detect(file);
        String type = detected.getBaseType().toString();
        if (MARKUP.contains(type)) {
            throw new FileRefused("files.refused.markup");
        }
        FileKind kind = kindOf(file, type)
                .orElseThrow(() -> new FileRefused("files.refused.type", describe(detected)));
        String name = FileNames.name(upload.name(), kind);
        if (!accepted.contains(kind)) {
            throw new FileRefused("files.refused.notHere", kind.label(), FileKind.labels(accepted));
        }
        Integer width = null;
        Integer height = null;
        switch (kind) {
            case JPEG, PNG, WEBP, HEIC -> {
                ImageFiles.Size size = ImageFiles.size(file, kind);
                if (size.width() <= 0 || size.height() <= 0) {
                    throw new FileRefused("files.refused.damaged");
                }
                if ((long) size.width() * size.height() > maxPixels) {
                    throw new FileRefused("files.refused.pixels", size.width(), size.height(),
                            Math.max(1, maxPixels / 1_000_000));
                }
                width = size.width();
                height = size.height();
            }
            case PDF -> PdfFiles.check(file, maxInflated);
            default -> { } // Office: checked while its kind was told
        }
        return new Checked(name, kind, upload.size(), sha256(file), width, height);
    }

    /**
     * A photo as it is kept: with its location data removed ({@link LocationData}), checked by reading it back;
     * written to {@code cleaned}. Returns its JPEG preview (empty where it cannot be decoded here: HEIC).
     *
     * @throws FileRefused {@code files.refused.location} when location data could not be removed,
     *                     {@code files.refused.damaged} when the picture cannot be decoded
     */
    public Optional<byte[]> withoutLocation(Upload photo, FileKind kind, Path cleaned, int previewSide)
            throws FileRefused {
        try {
            LocationData.remove(photo.path(), kind, cleaned);
        } catch (IOException | RuntimeException e) {
            throw new FileRefused("files.refused.damaged");
        }
        if (ImageFiles.locationLeft(cleaned)) {
            throw new FileRefused("files.refused.location");
        }
        Optional<byte[]> preview = ImageFiles.preview(cleaned, kind, previewSide);
        if (preview.isEmpty() && kind.showable()) {
            throw new FileRefused("files.refused.damaged"); // its header was readable, its picture is not
        }
        return preview;
    }

    private MediaType detect(Path file) throws FileRefused {
        try (TikaInputStream in = TikaInputStream.get(file)) {
            return detector.detect(in, new Metadata());
        } catch (IOException e) {
            throw new FileRefused("files.refused.damaged");
        }
    }

    private Optional<FileKind> kindOf(Path file, String type) throws FileRefused {
        FileKind direct = DIRECT.get(type);
        if (direct != null) {
            return Optional.of(direct);
        }
        if (type.equals("application/zip") || type.equals("application/x-tika-ooxml")
                || type.startsWith("application/vnd.openxmlformats-officedocument.")) {
            return Optional.of(OfficeFiles.zipKind(file, maxInflated));
        }
        if (type.equals("application/x-tika-msoffice") || type.equals("application/msword")
                || type.equals("application/vnd.ms-excel") || type.equals("application/vnd.ms-powerpoint")) {
            return Optional.of(OfficeFiles.compoundKind(file));
        }
        return Optional.empty();
    }

    /** The detected type as the refusal names it. */
    private static String describe(MediaType type) {
        String t = type.getBaseType().toString();
        return switch (t) {
            case "application/octet-stream" -> "?";
            case "application/x-msdownload", "application/x-dosexec", "application/x-executable" -> "EXE";
            case "text/plain" -> "TXT";
            default -> t;
        };
    }

    static String sha256(Path file) throws FileRefused {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new FileRefused("files.refused.damaged");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
