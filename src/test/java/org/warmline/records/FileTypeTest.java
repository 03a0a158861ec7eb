package org.warmline.records;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * File types are recognised by content only: real PDF, Word, PowerPoint, JPEG and PNG files pass; executables,
 * spreadsheets, plain zips, HTML and compound files of other programs do not, whatever they are called. Names are
 * cleaned of paths and unsafe characters.
 */
class FileTypeTest {

    private static byte[] ole(String entry) throws Exception {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[4096]), entry);
            fs.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    private static byte[] zip(String... names) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (String name : names) {
                out.putNextEntry(new ZipEntry(name));
                out.write("x".getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] written(org.apache.poi.ooxml.POIXMLDocument document) throws Exception {
        try (document; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            document.write(out);
            return out.toByteArray();
        }
    }

    @Test
    void acceptedTypesAreRecognisedByTheirContent() throws Exception {
        assertThat(FileType.detect("%PDF-1.7\n...".getBytes(StandardCharsets.US_ASCII))).contains(FileType.PDF);
        assertThat(FileType.detect(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0})).contains(FileType.PNG);
        assertThat(FileType.detect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F'}))
                .contains(FileType.JPEG);
        XWPFDocument doc = new XWPFDocument();
        doc.createParagraph().createRun().setText("签到表");
        assertThat(FileType.detect(written(doc))).contains(FileType.DOCX);
        XMLSlideShow slides = new XMLSlideShow();
        slides.createSlide();
        assertThat(FileType.detect(written(slides))).contains(FileType.PPTX);
        assertThat(FileType.detect(ole("WordDocument"))).contains(FileType.DOC);
        assertThat(FileType.detect(ole("PowerPoint Document"))).contains(FileType.PPT);
    }

    @Test
    void anythingElseIsNoTypeWhateverItsName() throws Exception {
        byte[] exe = new byte[1024];
        exe[0] = 'M';
        exe[1] = 'Z';
        assertThat(FileType.detect(exe)).isEmpty();
        assertThat(FileType.detect("<!DOCTYPE html><script>alert(1)</script>".getBytes())).isEmpty();
        assertThat(FileType.detect("  %PDF-1.7 not at the start".getBytes())).isEmpty();
        assertThat(FileType.detect(new byte[0])).isEmpty();
        assertThat(FileType.detect(null)).isEmpty();
        XSSFWorkbook workbook = new XSSFWorkbook();
        workbook.createSheet("s");
        assertThat(FileType.detect(written(workbook))).as("a spreadsheet").isEmpty();
        assertThat(FileType.detect(zip("META-INF/MANIFEST.MF", "Evil.class"))).as("a jar").isEmpty();
        assertThat(FileType.detect(zip("word/document.xml"))).as("no content types").isEmpty();
        assertThat(FileType.detect(ole("Workbook"))).as("an old Excel file").isEmpty();
        byte[] truncated = java.util.Arrays.copyOf(ole("WordDocument"), 600);
        assertThat(FileType.detect(truncated)).as("a broken compound file").isEmpty();
        byte[] brokenZip = java.util.Arrays.copyOf(zip("[Content_Types].xml", "word/document.xml"), 40);
        assertThat(FileType.detect(brokenZip)).as("a zip without its directory").isEmpty();
    }

    @Test
    void theCheckRefusesEmptyTooLargeAndWrongKindFilesAndCleansTheName() throws Exception {
        AttachmentCheck check = new AttachmentCheck(DataSize.ofKilobytes(1));
        byte[] pdf = "%PDF-1.4 sign-in".getBytes(StandardCharsets.US_ASCII);
        var checked = check.check(new MockMultipartFile("file", "C:\\Users\\a\\签到表.PDF", "text/html", pdf),
                AttachmentKind.SIGN_IN);
        assertThat(checked.fileName()).isEqualTo("签到表.pdf");
        assertThat(checked.type()).isEqualTo(FileType.PDF);
        assertThat(checked.content()).isEqualTo(pdf);
        assertThatThrownBy(() -> check.check(new MockMultipartFile("file", "a.pdf", "application/pdf", new byte[0]),
                AttachmentKind.SIGN_IN)).hasMessage("records.file.empty");
        byte[] big = new byte[1025];
        System.arraycopy(pdf, 0, big, 0, pdf.length);
        assertThatThrownBy(() -> check.check(new MockMultipartFile("file", "a.pdf", "application/pdf", big),
                AttachmentKind.SIGN_IN)).hasMessage("records.file.tooLarge");
        assertThatThrownBy(() -> check.check(new MockMultipartFile("file", "a.jpg", "image/jpeg", pdf),
                AttachmentKind.PHOTOS)).hasMessage("records.file.wrongKind");

        assertThat(AttachmentCheck.fileName("../../etc/passwd", FileType.PDF)).isEqualTo("passwd.pdf");
        assertThat(AttachmentCheck.fileName("a\r\nContent-Type: x\".png.exe", FileType.PNG))
                .isEqualTo("a__Content-Type_ x_.png.png");
        assertThat(AttachmentCheck.fileName("...", FileType.JPEG)).isEqualTo("attachment.jpg");
        assertThat(AttachmentCheck.fileName(null, FileType.DOCX)).isEqualTo("attachment.docx");
        assertThat(AttachmentCheck.fileName("长".repeat(300) + ".pdf", FileType.PDF)).hasSize(100).endsWith(".pdf");
        String cut = AttachmentCheck.fileName("a" + "\uD83D\uDCF7".repeat(60) + ".jpg", FileType.JPEG);
        assertThat(cut).as("an emoji is not cut in half").hasSize(99).endsWith("\uD83D\uDCF7.jpg");
        assertThat(AttachmentCheck.fileName("photo\u202Egpj.exe", FileType.JPEG)).isEqualTo("photo_gpj.jpg");
    }
}
