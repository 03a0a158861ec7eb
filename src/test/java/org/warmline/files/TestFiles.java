package org.warmline.files;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import javax.imageio.ImageIO;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.xslf.usermodel.XMLSlideShow;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Files for the checker's tests, made here (real documents written by Apache POI, images by ImageIO) or, for what no
 * Java library writes (WebP, HEIC, GPS tags), small fixtures beside this class: {@code gps.jpg}, {@code gps.png},
 * {@code gps.webp}, {@code gps.heic}, a 64 × 48 picture with a red block in its top-left corner, made with cwebp and
 * heif-enc and tagged with exiftool ({@code -GPSLatitude=39.9042 -GPSLongitude=116.4074 -GPSAltitude=50
 * -XMP-exif:GPSLatitude=… -Orientation#=6}).
 */
public final class TestFiles {

    private TestFiles() {
    }

    public static byte[] fixture(String name) {
        try (InputStream in = TestFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] jpeg(int width, int height) {
        return image("jpeg", width, height);
    }

    /** A JPEG of random pixels: it hardly compresses (about 1 MB for 1200 × 900). */
    public static byte[] noisyJpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] png(int width, int height) {
        return image("png", width, height);
    }

    private static byte[] image(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(200, 120, 40));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLUE);
        g.fillOval(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG whose header says 50,000 × 50,000 pixels (a decompression bomb's header; no pixel data follows). */
    public static byte[] pngBombHeader() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10});
        byte[] ihdr = java.nio.ByteBuffer.allocate(13).putInt(50_000).putInt(50_000).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        chunk(out, "IHDR", ihdr);
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 3, 0, 0, 0, 0, 1});
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** A JPEG whose frame header says 50,000 × 50,000 pixels. */
    public static byte[] jpegBombHeader() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 17, 8});
        out.writeBytes(new byte[] {(byte) (50_000 >> 8), (byte) (50_000 & 0xFF), (byte) (50_000 >> 8),
                (byte) (50_000 & 0xFF), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1});
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The HEIC fixture with its image size property ({@code ispe}) changed to 50,000 × 50,000. */
    public static byte[] heicBombHeader() {
        byte[] heic = fixture("gps.heic");
        String text = new String(heic, StandardCharsets.ISO_8859_1);
        int at = text.indexOf("ispe");
        while (at >= 0) {
            java.nio.ByteBuffer.wrap(heic, at + 8, 8).putInt(50_000).putInt(50_000);
            at = text.indexOf("ispe", at + 4);
        }
        return heic;
    }

    public static byte[] docx(String text) {
        try (XWPFDocument doc = new XWPFDocument()) {
            doc.createParagraph().createRun().setText(text);
            return written(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] xlsx() {
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            workbook.createSheet("温度").createRow(0).createCell(0).setCellValue(16.5);
            return written(workbook);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] pptx() {
        try (XMLSlideShow slides = new XMLSlideShow()) {
            slides.createSlide();
            return written(slides);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] xls() {
        try (HSSFWorkbook workbook = new HSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.createSheet("s").createRow(0).createCell(0).setCellValue("x");
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An OLE2 compound file with one stream of that name (a Word file when it is {@code WordDocument}). */
    public static byte[] compound(String stream) {
        try (POIFSFileSystem fs = new POIFSFileSystem(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            fs.createDocument(new java.io.ByteArrayInputStream(new byte[4096]), stream);
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] written(org.apache.poi.ooxml.POIXMLDocument document) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        document.write(out);
        return out.toByteArray();
    }

    /** A zip of these entries (name, content), deflated. */
    public static byte[] zip(String... namesAndContents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i + 1 < namesAndContents.length; i += 2) {
                out.putNextEntry(new ZipEntry(namesAndContents[i]));
                out.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A minimal Word document whose main part is this XML. */
    public static byte[] docxWithDocument(byte[] documentXml) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            entry(out, "[Content_Types].xml", CONTENT_TYPES.getBytes(StandardCharsets.UTF_8));
            entry(out, "_rels/.rels", RELS.getBytes(StandardCharsets.UTF_8));
            entry(out, "word/document.xml", documentXml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A Word document with an XML external-entity declaration in its main part. */
    public static byte[] docxWithExternalEntity() {
        return docxWithDocument(("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<!DOCTYPE w:document [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>"
                + "<w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>").getBytes(StandardCharsets.UTF_8));
    }

    private static final String CONTENT_TYPES = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
            + "wordprocessingml.document.main+xml\"/></Types>";
    private static final String RELS = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
            + "officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    private static final String DOCUMENT = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
            + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p>"
            + "<w:r><w:t>室温 16 度</w:t></w:r></w:p></w:body></w:document>";

    private static void entry(ZipOutputStream out, String name, byte[] content) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        out.write(content);
        out.closeEntry();
    }

    private static Path bomb;

    /**
     * A Word document of about 2 MB whose media part inflates to 2 GiB (zeros, deflated at the best ratio), made once
     * per test JVM under {@code target/} (the suite runs two JVMs side by side).
     */
    public static synchronized Path docxBomb() {
        if (bomb != null && Files.exists(bomb)) {
            return bomb;
        }
        Path file = Paths.get("target", "test-files",
                "bomb-2GiB-" + ProcessHandle.current().pid() + ".docx").toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
            try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
                out.setLevel(Deflater.BEST_COMPRESSION);
                entry(out, "[Content_Types].xml", CONTENT_TYPES.getBytes(StandardCharsets.UTF_8));
                entry(out, "_rels/.rels", RELS.getBytes(StandardCharsets.UTF_8));
                entry(out, "word/document.xml", DOCUMENT.getBytes(StandardCharsets.UTF_8));
                out.putNextEntry(new ZipEntry("word/media/image1.bin"));
                byte[] zeros = new byte[1 << 20];
                for (int i = 0; i < 2048; i++) {
                    out.write(zeros);
                }
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bomb = file;
        return file;
    }

    /** A PDF with one Flate stream that inflates to {@code inflated} bytes; {@code filter} is its filter's name. */
    public static byte[] pdfWithStream(int inflated, String filter) {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (OutputStream z = new java.util.zip.DeflaterOutputStream(deflated, deflater)) {
            z.write(new byte[inflated]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteArrayOutputStream pdf = new ByteArrayOutputStream();
        pdf.writeBytes(("%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] "
                + "/Count 0 >>\nendobj\n3 0 obj\n<< /Length " + deflated.size() + " /Filter /" + filter
                + " >>\nstream\n").getBytes(StandardCharsets.US_ASCII));
        pdf.writeBytes(deflated.toByteArray());
        pdf.writeBytes("\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        return pdf.toByteArray();
    }

    /** A small valid PDF. */
    public static byte[] pdf() {
        return pdfWithStream(1000, "FlateDecode");
    }
}
