package org.warmline.files;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The kinds of file the desk accepts anywhere, as {@link FileChecker} recognises them by their content: photos (JPEG,
 * PNG, WebP, HEIC) and documents (PDF; Word, Excel and PowerPoint in their old compound and their zip-based formats).
 * Each use narrows them further (a training's photos are JPEG or PNG, for instance).
 */
public enum FileKind {
    JPEG("image/jpeg", "jpg", "JPEG"),
    PNG("image/png", "png", "PNG"),
    WEBP("image/webp", "webp", "WebP"),
    HEIC("image/heic", "heic", "HEIC"),
    PDF("application/pdf", "pdf", "PDF"),
    DOC("application/msword", "doc", "Word (DOC)"),
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "Word (DOCX)"),
    XLS("application/vnd.ms-excel", "xls", "Excel (XLS)"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", "Excel (XLSX)"),
    PPT("application/vnd.ms-powerpoint", "ppt", "PowerPoint (PPT)"),
    PPTX("application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx", "PowerPoint (PPTX)");

    /** The photo kinds. */
    public static final Set<FileKind> PHOTOS = EnumSet.of(JPEG, PNG, WEBP, HEIC);
    /** Every kind: photos and documents. */
    public static final Set<FileKind> ALL = EnumSet.allOf(FileKind.class);

    private final String mediaType;
    private final String extension;
    private final String label;

    FileKind(String mediaType, String extension, String label) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.label = label;
    }

    /** The media type the file is served with. */
    public String mediaType() {
        return mediaType;
    }

    /** The file name extension (without the dot) the file is saved with. */
    public String extension() {
        return extension;
    }

    /** A short name people know the kind by, e.g. {@code Word (DOCX)}. */
    public String label() {
        return label;
    }

    /** Whether this is a photo. */
    public boolean photo() {
        return PHOTOS.contains(this);
    }

    /** Whether a browser can show the file itself (the photos other than HEIC). */
    public boolean showable() {
        return this == JPEG || this == PNG || this == WEBP;
    }

    /** The kind served with this media type, if any. */
    public static Optional<FileKind> ofMediaType(String mediaType) {
        for (FileKind k : values()) {
            if (k.mediaType.equals(mediaType)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The labels of some kinds, for messages: {@code JPEG、PNG}. */
    public static String labels(Set<FileKind> kinds) {
        return String.join(", ", kinds.stream().sorted().map(FileKind::label).toList());
    }
}
