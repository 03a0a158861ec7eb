package org.warmline.files;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import javax.imageio.ImageIO;

import com.drew.imaging.ImageMetadataReader;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;
import com.drew.metadata.exif.GpsDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The one file checker: real photos and documents pass whatever they are called; bombs (a 2 MB Word file inflating to
 * 2 GiB, a PDF stream inflating beyond the limit, images whose header says 50,000 × 50,000 pixels), an Office file
 * with an XML external-entity declaration or macros, SVG, HTML, executables and bad names are refused with their
 * reasons; photos lose their location data (read back by metadata-extractor) but keep their orientation, and get an
 * upright preview.
 */
class FileCheckerTest {

    private static final long TEN_MB = 10L * 1024 * 1024;

    private final FileChecker checker = new FileChecker(DataSize.ofMegabytes(100), 100_000_000);

    @TempDir
    Path temp;

    private FileChecker.Checked check(String name, byte[] content, Set<FileKind> accepted) throws Exception {
        try (Upload upload = Upload.spool(new ByteArrayInputStream(content), name, TEN_MB)) {
            return checker.check(upload, accepted);
        }
    }

    private String refusal(String name, byte[] content, Set<FileKind> accepted) {
        try {
            FileChecker.Checked passed = check(name, content, accepted);
            throw new AssertionError("accepted " + name + " as " + passed);
        } catch (FileRefused refused) {
            return refused.key();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void realPhotosAndDocumentsAreRecognisedByTheirContentWhateverTheirName() throws Exception {
        FileChecker.Checked jpeg = check("现场照片 1.PNG", TestFiles.jpeg(640, 480), FileKind.ALL);
        assertThat(jpeg.kind()).isEqualTo(FileKind.JPEG);
        assertThat(jpeg.fileName()).as("the extension follows the content").isEqualTo("现场照片 1.jpg");
        assertThat(jpeg.width()).isEqualTo(640);
        assertThat(jpeg.height()).isEqualTo(480);
        assertThat(jpeg.sha256()).hasSize(64);
        assertThat(check("a", TestFiles.png(30, 20), FileKind.ALL)).extracting(FileChecker.Checked::kind,
                FileChecker.Checked::fileName, FileChecker.Checked::width).containsExactly(FileKind.PNG, "a.png", 30);
        assertThat(check("p.jpg", TestFiles.fixture("gps.webp"), FileKind.ALL)).extracting(FileChecker.Checked::kind,
                FileChecker.Checked::width, FileChecker.Checked::height).containsExactly(FileKind.WEBP, 64, 48);
        FileChecker.Checked heic = check("IMG_0001.HEIC", TestFiles.fixture("gps.heic"), FileKind.ALL);
        assertThat(heic).extracting(FileChecker.Checked::kind, FileChecker.Checked::fileName,
                FileChecker.Checked::width).containsExactly(FileKind.HEIC, "IMG_0001.heic", 64);
        assertThat(heic.height()).as("the coded size, at least the 48 shown").isBetween(48, 64);
        assertThat(check("报告.pdf", TestFiles.pdf(), FileKind.ALL).kind()).isEqualTo(FileKind.PDF);
        assertThat(check("x.bin", TestFiles.docx("维修记录"), FileKind.ALL).kind()).isEqualTo(FileKind.DOCX);
        assertThat(check("x.bin", TestFiles.xlsx(), FileKind.ALL).kind()).isEqualTo(FileKind.XLSX);
        assertThat(check("x.bin", TestFiles.pptx(), FileKind.ALL).kind()).isEqualTo(FileKind.PPTX);
        assertThat(check("x.bin", TestFiles.xls(), FileKind.ALL).kind()).isEqualTo(FileKind.XLS);
        assertThat(check("x.bin", TestFiles.compound("WordDocument"), FileKind.ALL).kind()).isEqualTo(FileKind.DOC);
        assertThat(check("x.bin", TestFiles.compound("PowerPoint Document"), FileKind.ALL).kind())
                .isEqualTo(FileKind.PPT);
    }

    @Test
    void aTwoMegabyteWordFileThatInflatesToTwoGibibytesIsRefusedAtTheLimit() throws Exception {
        Path bomb = TestFiles.docxBomb();
        assertThat(Files.size(bomb)).as("about 2 MB").isBetween(1_000_000L, 3_000_000L);
        long started = System.nanoTime();
        try (Upload upload = Upload.spool(Files.newInputStream(bomb), "会议纪要.docx", TEN_MB)) {
            assertThatThrownBy(() -> checker.check(upload, FileKind.ALL)).isInstanceOf(FileRefused.class)
                    .extracting(e -> ((FileRefused) e).key()).isEqualTo("files.refused.inflated");
        }
        assertThat((System.nanoTime() - started) / 1_000_000_000.0).as("stops at the limit, seconds").isLessThan(20);
    }

    @Test
    void anOfficeFileWithADoctypeAnEntityMacrosOrAnotherEncodingIsRefused() {
        assertThat(refusal("通知.docx", TestFiles.docxWithExternalEntity(), FileKind.ALL))
                .isEqualTo("files.refused.doctype");
        assertThat(refusal("a.docx", TestFiles.docxWithDocument(("<?xml version=\"1.0\"?>\n<!doctype x>"
                + "<w:document/>").getBytes(StandardCharsets.UTF_8)), FileKind.ALL))
                .as("in lower case").isEqualTo("files.refused.doctype");
        assertThat(refusal("a.docx", TestFiles.docxWithDocument(("<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
                + "<!DOCTYPE x><w:document/>").getBytes(StandardCharsets.UTF_16)), FileKind.ALL))
                .as("UTF-16 hides the declaration from a byte search").isEqualTo("files.refused.encoding");
        byte[] docm = TestFiles.zip("[Content_Types].xml", "<Types/>", "word/document.xml", "<w:document/>",
                "word/vbaProject.bin", "macro");
        assertThat(refusal("a.docx", docm, FileKind.ALL)).isEqualTo("files.refused.macros");
        assertThat(refusal("a.doc", TestFiles.compound("Macros"), FileKind.ALL)).isEqualTo("files.refused.macros");
        assertThat(refusal("a.docx", TestFiles.compound("EncryptedPackage"), FileKind.ALL))
                .isEqualTo("files.refused.encrypted");
    }

    @Test
    void imagesWhoseHeaderSaysFiftyThousandByFiftyThousandPixelsAreRefusedBeforeDecoding() {
        assertThat(refusal("bomb.png", TestFiles.pngBombHeader(), FileKind.ALL)).isEqualTo("files.refused.pixels");
        assertThat(refusal("bomb.jpg", TestFiles.jpegBombHeader(), FileKind.ALL)).isEqualTo("files.refused.pixels");
        assertThat(refusal("bomb.heic", TestFiles.heicBombHeader(), FileKind.ALL)).isEqualTo("files.refused.pixels");
        FileChecker small = new FileChecker(DataSize.ofMegabytes(100), 1000);
        try (Upload upload = Upload.spool(new ByteArrayInputStream(TestFiles.jpeg(40, 30)), "a.jpg", TEN_MB)) {
            assertThatThrownBy(() -> small.check(upload, FileKind.ALL)).isInstanceOf(FileRefused.class)
                    .satisfies(e -> assertThat(((FileRefused) e).getArguments()).containsExactly(40, 30, 1L));
        } catch (IOException | FileRefused e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPdfBombIsRefusedByItsInflatedSizeAndABrokenOrLzwPdfToo() {
        FileChecker tight = new FileChecker(DataSize.ofMegabytes(1), 100_000_000);
        byte[] bomb = TestFiles.pdfWithStream(3 * 1024 * 1024, "FlateDecode");
        assertThat(bomb.length).isLessThan(10_000);
        try (Upload upload = Upload.spool(new ByteArrayInputStream(bomb), "bomb.pdf", TEN_MB)) {
            assertThatThrownBy(() -> tight.check(upload, FileKind.ALL)).isInstanceOf(FileRefused.class)
                    .extracting(e -> ((FileRefused) e).key()).isEqualTo("files.refused.inflated");
            byte[] escaped = TestFiles.pdfWithStream(3 * 1024 * 1024, "Fl#61teDecode");
            try (Upload hidden = Upload.spool(new ByteArrayInputStream(escaped), "b.pdf", TEN_MB)) {
                assertThatThrownBy(() -> tight.check(hidden, FileKind.ALL)).as("an escaped filter name")
                        .extracting(e -> ((FileRefused) e).key()).isEqualTo("files.refused.inflated");
            }
            try (Upload fine = Upload.spool(new ByteArrayInputStream(TestFiles.pdfWithStream(500_000, "FlateDecode")),
                    "ok.pdf", TEN_MB)) {
                assertThat(tight.check(fine, FileKind.ALL).kind()).isEqualTo(FileKind.PDF);
            }
        } catch (IOException | FileRefused e) {
            throw new AssertionError(e);
        }
        assertThat(refusal("lzw.pdf", TestFiles.pdfWithStream(100, "LZWDecode"), FileKind.ALL))
                .isEqualTo("files.refused.pdfLzw");
        byte[] cut = java.util.Arrays.copyOf(TestFiles.pdf(), TestFiles.pdf().length - 8);
        assertThat(refusal("cut.pdf", cut, FileKind.ALL)).as("no end-of-file marker").isEqualTo("files.refused.damaged");
    }

    @Test
    void svgHtmlExecutablesArchivesAndSpreadsheetsWhereNotWantedAreRefused() {
        assertThat(refusal("photo.jpg", ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\">"
                + "<script>alert(1)</script></svg>").getBytes(StandardCharsets.UTF_8), FileKind.ALL))
                .isEqualTo("files.refused.markup");
        assertThat(refusal("photo.jpg", "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8), FileKind.ALL)).isEqualTo("files.refused.markup");
        byte[] exe = new byte[4096];
        exe[0] = 'M';
        exe[1] = 'Z';
        assertThat(refusal("setup.pdf", exe, FileKind.ALL)).isEqualTo("files.refused.type");
        assertThat(refusal("a.docx", TestFiles.zip("META-INF/MANIFEST.MF", "x", "Evil.class", "x"), FileKind.ALL))
                .as("a jar").isEqualTo("files.refused.type");
        assertThat(refusal("a.docx", TestFiles.zip("word/document.xml", "<w/>"), FileKind.ALL))
                .as("no content types").isEqualTo("files.refused.type");
        assertThat(refusal("a.txt", "室温只有16度".getBytes(StandardCharsets.UTF_8), FileKind.ALL))
                .isEqualTo("files.refused.type");
        assertThat(refusal("a.xlsx", TestFiles.xlsx(), FileKind.PHOTOS)).isEqualTo("files.refused.notHere");
        assertThat(refusal("a.png", java.util.Arrays.copyOf(TestFiles.png(50, 50), 12), FileKind.ALL))
                .as("an image without its header").isEqualTo("files.refused.damaged");
    }

    @Test
    void namesWithPathPartsOrControlCharactersAreRefusedOthersCleaned() throws Exception {
        byte[] jpeg = TestFiles.jpeg(20, 20);
        assertThat(refusal("../../etc/passwd", jpeg, FileKind.ALL)).isEqualTo("files.refused.namePath");
        assertThat(refusal("C:\\Users\\a\\照片.jpg", jpeg, FileKind.ALL)).isEqualTo("files.refused.namePath");
        assertThat(refusal("photo\u202Egpj.exe", jpeg, FileKind.ALL)).isEqualTo("files.refused.nameControl");
        assertThat(refusal("a\r\nContent-Type: x.jpg", jpeg, FileKind.ALL)).isEqualTo("files.refused.nameControl");
        assertThat(refusal("a\u0000.jpg", jpeg, FileKind.ALL)).isEqualTo("files.refused.nameControl");
        assertThat(check("报告:终稿?.jpg", jpeg, FileKind.ALL).fileName()).isEqualTo("报告_终稿_.jpg");
        assertThat(check("...", jpeg, FileKind.ALL).fileName()).isEqualTo("attachment.jpg");
        assertThat(check(null, jpeg, FileKind.ALL).fileName()).isEqualTo("attachment.jpg");
        assertThat(check("长".repeat(300) + ".jpg", jpeg, FileKind.ALL).fileName()).hasSize(100).endsWith(".jpg");
        assertThatThrownBy(() -> Upload.spool(new ByteArrayInputStream(new byte[0]), "a.jpg", TEN_MB))
                .extracting(e -> ((FileRefused) e).key()).isEqualTo("files.refused.empty");
        assertThatThrownBy(() -> Upload.spool(new ByteArrayInputStream(new byte[2049]), "a.jpg", 2048))
                .extracting(e -> ((FileRefused) e).key()).isEqualTo("files.refused.tooLarge");
    }

    @Test
    void photosLoseTheirLocationButKeepTheirOrientationAndGetAnUprightPreview() throws Exception {
        for (String name : new String[] {"gps.jpg", "gps.png", "gps.webp", "gps.heic"}) {
            byte[] original = TestFiles.fixture(name);
            Path before = temp.resolve("before-" + name);
            Files.write(before, original);
            assertThat(location(before)).as(name + " has a location to begin with").isPresent();
            FileKind kind = check(name, original, FileKind.PHOTOS).kind();
            Path cleaned = temp.resolve("cleaned-" + name);
            Optional<byte[]> preview;
            try (Upload upload = Upload.spool(new ByteArrayInputStream(original), name, TEN_MB)) {
                preview = checker.withoutLocation(upload, kind, cleaned, 320);
            }
            assertThat(location(cleaned)).as(name + " without its location").isEmpty();
            assertThat(ImageFiles.locationLeft(cleaned)).isFalse();
            assertThat(orientation(cleaned)).as(name + " keeps its orientation")
                    .isEqualTo(kind == FileKind.PNG ? orientation(before) : Optional.of(6));
            assertThat(ImageFiles.size(cleaned, kind).width()).isEqualTo(64);
            if (kind == FileKind.HEIC) {
                assertThat(preview).as("no decoder of HEIC here").isEmpty();
                continue;
            }
            BufferedImage shown = ImageIO.read(new ByteArrayInputStream(preview.orElseThrow()));
            assertThat(shown.getWidth()).as(name + " preview turned upright (90° clockwise)").isEqualTo(48);
            assertThat(shown.getHeight()).isEqualTo(64);
            int rgb = shown.getRGB(43, 5); // the red block of the top-left corner is now top-right
            assertThat((rgb >> 16) & 0xFF).as("red").isGreaterThan(180);
            assertThat((rgb >> 8) & 0xFF).as("green").isLessThan(90);
            assertThat(ImageIO.read(cleaned.toFile())).as(name + " still decodes").isNotNull();
        }
    }

    @Test
    void aPhotoWhosePictureCannotBeDecodedIsRefusedAsDamaged() throws Exception {
        byte[] cut = java.util.Arrays.copyOf(TestFiles.png(50, 50), 60);
        try (Upload upload = Upload.spool(new ByteArrayInputStream(cut), "cut.png", TEN_MB)) {
            assertThat(checker.check(upload, FileKind.PHOTOS).kind()).as("its header is fine").isEqualTo(FileKind.PNG);
            assertThatThrownBy(() -> checker.withoutLocation(upload, FileKind.PNG, temp.resolve("cut.png"), 320))
                    .extracting(e -> ((FileRefused) e).key()).isEqualTo("files.refused.damaged");
        }
    }

    @Test
    void aLargePhotoGetsASmallPreview() throws Exception {
        byte[] big = TestFiles.jpeg(4000, 3000);
        Path cleaned = temp.resolve("big.jpg");
        try (Upload upload = Upload.spool(new ByteArrayInputStream(big), "big.jpg", TEN_MB)) {
            byte[] preview = checker.withoutLocation(upload, FileKind.JPEG, cleaned, 320).orElseThrow();
            BufferedImage shown = ImageIO.read(new ByteArrayInputStream(preview));
            assertThat(shown.getWidth()).isEqualTo(320);
            assertThat(shown.getHeight()).isEqualTo(240);
            assertThat(preview.length).isLessThan(64 * 1024);
        }
        assertThat(Files.readAllBytes(cleaned)).as("nothing to remove: the same bytes").isEqualTo(big);
    }

    private static Optional<String> location(Path file) throws Exception {
        Metadata m = ImageMetadataReader.readMetadata(file.toFile());
        return m.getDirectoriesOfType(GpsDirectory.class).stream().map(GpsDirectory::getGeoLocation)
                .filter(java.util.Objects::nonNull).map(Object::toString).findFirst();
    }

    private static Optional<Integer> orientation(Path file) throws Exception {
        Metadata m = ImageMetadataReader.readMetadata(file.toFile());
        return m.getDirectoriesOfType(ExifIFD0Directory.class).stream()
                .filter(d -> d.containsTag(ExifIFD0Directory.TAG_ORIENTATION))
                .map(d -> d.getInteger(ExifIFD0Directory.TAG_ORIENTATION)).findFirst();
    }

    @SuppressWarnings("unused")
    private static final Set<FileKind> DOCUMENTS = EnumSet.complementOf(EnumSet.copyOf(FileKind.PHOTOS));
}
