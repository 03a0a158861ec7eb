package org.warmline.records;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.util.unit.DataSize;
import org.warmline.files.FileChecker;
import org.warmline.files.FileKind;
import org.warmline.files.FileRefused;
import org.warmline.files.TestFiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A training's files go through the desk's one file checker: a real file of a kind the record accepts passes under a
 * clean name; an empty or too large file, a kind the record does not accept, a 2 MB Word file that inflates to 2 GiB
 * and a Word file with an XML external-entity declaration are refused.
 */
class AttachmentCheckTest {

    private final AttachmentCheck check = new AttachmentCheck(DataSize.ofMegabytes(10),
            new FileChecker(DataSize.ofMegabytes(100), 100_000_000));

    private static String key(ThrowingCheck call) {
        try {
            call.run();
            throw new AssertionError("accepted");
        } catch (FileRefused refused) {
            return refused.key();
        }
    }

    private interface ThrowingCheck {
        void run() throws FileRefused;
    }

    @Test
    void aFileOfAnAcceptedKindPassesUnderACleanName() throws Exception {
        byte[] pdf = TestFiles.pdf();
        AttachmentCheck.Checked checked = check.check(new MockMultipartFile("file", "签到表.PDF", "text/html", pdf),
                AttachmentKind.SIGN_IN);
        assertThat(checked.fileName()).isEqualTo("签到表.pdf");
        assertThat(checked.kind()).isEqualTo(FileKind.PDF);
        assertThat(checked.content()).isEqualTo(pdf);
        assertThat(check.check(new MockMultipartFile("file", "课件", "application/octet-stream",
                TestFiles.pptx()), AttachmentKind.COURSEWARE).fileName()).isEqualTo("课件.pptx");
    }

    @Test
    void emptyTooLargeWrongKindAndHostileOfficeFilesAreRefused() throws Exception {
        assertThat(key(() -> check.check(new MockMultipartFile("file", "a.pdf", "application/pdf", new byte[0]),
                AttachmentKind.SIGN_IN))).isEqualTo("files.refused.empty");
        AttachmentCheck small = new AttachmentCheck(DataSize.ofKilobytes(1),
                new FileChecker(DataSize.ofMegabytes(100), 100_000_000));
        assertThat(key(() -> small.check(new MockMultipartFile("file", "a.jpg", "image/jpeg", TestFiles.jpeg(400, 300)),
                AttachmentKind.SIGN_IN))).isEqualTo("files.refused.tooLarge");
        assertThat(key(() -> check.check(new MockMultipartFile("file", "a.jpg", "image/jpeg", TestFiles.pdf()),
                AttachmentKind.PHOTOS))).isEqualTo("files.refused.notHere");
        byte[] bomb = Files.readAllBytes(TestFiles.docxBomb());
        assertThat(key(() -> check.check(new MockMultipartFile("file", "课件.docx", "application/msword", bomb),
                AttachmentKind.COURSEWARE))).isEqualTo("files.refused.inflated");
        assertThat(key(() -> check.check(new MockMultipartFile("file", "签到表.docx", "application/msword",
                TestFiles.docxWithExternalEntity()), AttachmentKind.SIGN_IN))).isEqualTo("files.refused.doctype");
        assertThat(key(() -> check.check(new MockMultipartFile("file", "../签到表.pdf", "application/pdf",
                TestFiles.pdf()), AttachmentKind.SIGN_IN))).isEqualTo("files.refused.namePath");
    }
}
