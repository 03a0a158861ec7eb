package org.warmline.files;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;

/**
 * The headers of every file the desk serves back, in one place: the kind's media type (detected from the content
 * when the file came in), {@code nosniff}, a sandboxing Content-Security-Policy, no caching of originals, and
 * {@code inline} only for what a browser shows as a picture (JPEG, PNG, WebP, and previews), {@code attachment} for
 * everything else, with the file's name in UTF-8.
 */
public final class FileDownload {

    private FileDownload() {
    }

    /**
     * Sets the headers for a file or its preview.
     *
     * @param size the bytes that follow, or -1 when not known in advance
     */
    public static void headers(HttpServletResponse response, String fileName, FileKind kind, long size,
                               boolean preview) {
        response.setContentType(preview ? FileKind.JPEG.mediaType() : kind.mediaType());
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Content-Security-Policy", "default-src 'none'; img-src 'self'; sandbox");
        response.setHeader(HttpHeaders.CACHE_CONTROL, preview ? "private, max-age=3600" : "private, no-store");
        if (size >= 0) {
            response.setContentLengthLong(size);
        }
        String name = preview ? fileName.replaceFirst("\\.[^.]*$", "") + "-preview.jpg" : fileName;
        ContentDisposition.Builder disposition = preview || kind.showable() ? ContentDisposition.inline()
                : ContentDisposition.attachment();
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                disposition.filename(name, StandardCharsets.UTF_8).build().toString());
    }
}
