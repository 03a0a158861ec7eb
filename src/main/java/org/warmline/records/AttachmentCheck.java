package org.warmline.records;

import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.Locale;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * Checks an uploaded training file before anything is stored: not empty, not larger than the setting
 * {@code warmline.records.max-attachment-size} (10 MB by default; Spring's multipart limits stop anything far larger
 * before it reaches here), of an accepted type by its content (magic bytes; the name and the browser's claimed type are
 * ignored), of a type that the kind of record accepts. The name is cleaned to a plain file name whose extension is the
 * detected type's.
 */
@Component
class AttachmentCheck {

    /** A file that passed: its cleaned name, its detected type and its bytes. */
    record Checked(String fileName, FileType type, byte[] content) {
    }

    /** Why a file was refused, as a message key and its argument. */
    static final class Refused extends Exception {
        private final String key;
        private final transient Object argument;

        Refused(String key, Object argument) {
            super(key, null, false, false);
            this.key = key;
            this.argument = argument;
        }

        String key() {
            return key;
        }

        Object argument() {
            return argument;
        }
    }

    private final DataSize maxSize;

    AttachmentCheck(@Value("${warmline.records.max-attachment-size:10MB}") DataSize maxSize) {
        this.maxSize = maxSize;
    }

    DataSize maxSize() {
        return maxSize;
    }

    /** The size limit in whole megabytes, as messages show it. */
    long maxMegabytes() {
        return Math.max(1, maxSize.toMegabytes());
    }

    Checked check(MultipartFile file, AttachmentKind kind) throws Refused {
        if (file == null || file.isEmpty()) {
            throw new Refused("records.file.empty", null);
        }
        if (file.getSize() > maxSize.toBytes()) {
            throw new Refused("records.file.tooLarge", maxMegabytes());
        }
        byte[] content;
        try (InputStream in = file.getInputStream()) {
            content = in.readNBytes((int) maxSize.toBytes() + 1);
        } catch (IOException e) {
            throw new Refused("records.file.unreadable", null);
        }
        if (content.length == 0) {
            throw new Refused("records.file.empty", null);
        }
        if (content.length > maxSize.toBytes()) {
            throw new Refused("records.file.tooLarge", maxMegabytes());
        }
        FileType type = FileType.detect(content)
                .orElseThrow(() -> new Refused("records.file.badType", null));
        if (!kind.accepts(type)) {
            throw new Refused("records.file.wrongKind", type.extension().toUpperCase(Locale.ROOT));
        }
        return new Checked(fileName(file.getOriginalFilename(), type), type, content);
    }

    /**
     * A safe name for the file: the last segment of what the browser sent, without control characters, path
     * separators or characters Windows refuses, at most 100 characters, ending in the detected type's extension.
     */
    static String fileName(String original, FileType type) {
        String name = original == null ? "" : Normalizer.normalize(original, Normalizer.Form.NFC);
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        name = name.replaceAll("[\\p{Cntrl}\\p{Cf}:*?\"<>|;%]", "_").replaceAll("\\s+", " ").trim();
        int dot = name.lastIndexOf('.');
        String base = dot >= 0 ? name.substring(0, dot) : name;
        base = base.replaceAll("^[.\\s_]+", "").replaceAll("[.\\s]+$", "");
        if (base.isEmpty()) {
            base = "attachment";
        }
        int room = 100 - type.extension().length() - 1;
        if (base.length() > room) {
            base = base.substring(0, Character.isHighSurrogate(base.charAt(room - 1)) ? room - 1 : room);
        }
        return base + "." + type.extension();
    }
}
