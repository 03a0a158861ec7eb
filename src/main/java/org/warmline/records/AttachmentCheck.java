package org.warmline.records;

import java.io.IOException;
import java.nio.file.Files;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;
import org.warmline.files.FileChecker;
import org.warmline.files.FileKind;
import org.warmline.files.FileRefused;
import org.warmline.files.Upload;

/**
 * Checks an uploaded training file before anything is stored, with the desk's one file checker ({@link FileChecker}:
 * type by content, bombs, DOCTYPE in Office files, names): not empty, not larger than the setting
 * {@code warmline.records.max-attachment-size} (10 MB by default; Spring's multipart limits stop anything far larger
 * before it reaches here), of a kind that the record accepts.
 */
@Component
class AttachmentCheck {

    /** A file that passed: the name it is kept under, its kind and its bytes (at most the size limit). */
    record Checked(String fileName, FileKind kind, byte[] content) {
    }

    private final DataSize maxSize;
    private final FileChecker checker;

    AttachmentCheck(@Value("${warmline.records.max-attachment-size:10MB}") DataSize maxSize, FileChecker checker) {
        this.maxSize = maxSize;
        this.checker = checker;
    }

    DataSize maxSize() {
        return maxSize;
    }

    /** The size limit in whole megabytes, as messages show it. */
    long maxMegabytes() {
        return Upload.megabytes(maxSize.toBytes());
    }

    Checked check(MultipartFile file, AttachmentKind kind) throws FileRefused {
        if (file == null || file.isEmpty()) {
            throw new FileRefused("files.refused.empty");
        }
        if (file.getSize() > maxSize.toBytes()) {
            throw new FileRefused("files.refused.tooLarge", maxMegabytes());
        }
        try (Upload upload = Upload.spool(file.getInputStream(), file.getOriginalFilename(), maxSize.toBytes())) {
            FileChecker.Checked checked = checker.check(upload, kind.kinds());
            return new Checked(checked.fileName(), checked.kind(), Files.readAllBytes(upload.path()));
        } catch (IOException e) {
            throw new FileRefused("files.refused.unreadable");
        }
    }
}
