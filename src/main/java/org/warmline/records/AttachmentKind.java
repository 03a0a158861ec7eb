package org.warmline.records;

import java.util.Set;

/**
 * The three records a training keeps (spec/assessment.md 1.3), each of which may be a file attached to it, and the
 * file types each accepts.
 */
public enum AttachmentKind {
    /** 签到表: a scan or photo of the sheet, or the document. */
    SIGN_IN(Set.of(FileType.PDF, FileType.JPEG, FileType.PNG, FileType.DOC, FileType.DOCX)),
    /** 课件: the slides or the document. */
    COURSEWARE(Set.of(FileType.PDF, FileType.PPT, FileType.PPTX, FileType.DOC, FileType.DOCX)),
    /** 现场照片: images. */
    PHOTOS(Set.of(FileType.JPEG, FileType.PNG));

    private final Set<FileType> accepts;

    AttachmentKind(Set<FileType> accepts) {
        this.accepts = accepts;
    }

    /** Whether a file of this type may be this kind of record. */
    public boolean accepts(FileType type) {
        return accepts.contains(type);
    }
}
