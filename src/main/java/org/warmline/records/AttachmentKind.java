package org.warmline.records;

import java.util.EnumSet;
import java.util.Set;

import org.warmline.files.FileKind;

/**
 * The three records a training keeps (docs/assessment.md 1.3), each of which may be a file attached to it, and the
 * file kinds each accepts.
 */
public enum AttachmentKind {
    /** 签到表: a scan or photo of the sheet, or the document. */
    SIGN_IN(EnumSet.of(FileKind.PDF, FileKind.JPEG, FileKind.PNG, FileKind.DOC, FileKind.DOCX)),
    /** 课件: the slides or the document. */
    COURSEWARE(EnumSet.of(FileKind.PDF, FileKind.PPT, FileKind.PPTX, FileKind.DOC, FileKind.DOCX)),
    /** 现场照片: images. */
    PHOTOS(EnumSet.of(FileKind.JPEG, FileKind.PNG));

    private final Set<FileKind> accepts;

    AttachmentKind(Set<FileKind> accepts) {
        this.accepts = accepts;
    }

    /** Whether a file of this kind may be this kind of record. */
    public boolean accepts(FileKind kind) {
        return accepts.contains(kind);
    }

    /** The file kinds this record accepts. */
    public Set<FileKind> kinds() {
        return accepts;
    }
}
