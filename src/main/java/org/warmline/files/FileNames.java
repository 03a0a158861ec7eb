package org.warmline.files;

import java.text.Normalizer;

/**
 * The name a file is kept under: the sender's name, refused when it has path parts ({@code /} or {@code \}) or
 * control or invisible formatting characters (such as a right-to-left override that makes {@code gpj.exe} look like
 * {@code exe.jpg}); characters Windows refuses replaced by {@code _}; at most 100 characters; always ending in the
 * extension of the kind detected from the content.
 */
final class FileNames {

    private static final int MAX = 100;

    private FileNames() {
    }

    static String name(String sent, FileKind kind) throws FileRefused {
        String name = sent == null ? "" : Normalizer.normalize(sent, Normalizer.Form.NFC).strip();
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            throw new FileRefused("files.refused.namePath");
        }
        if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new FileRefused("files.refused.nameControl");
        }
        name = name.replaceAll("[:*?\"<>|;%]", "_").replaceAll("\\s+", " ");
        int dot = name.lastIndexOf('.');
        String base = dot >= 0 ? name.substring(0, dot) : name;
        base = base.replaceAll("^[.\\s_]+", "").replaceAll("[.\\s]+$", "");
        if (base.isEmpty()) {
            base = "attachment";
        }
        int room = MAX - kind.extension().length() - 1;
        if (base.length() > room) {
            base = base.substring(0, Character.isHighSurrogate(base.charAt(room - 1)) ? room - 1 : room);
        }
        return base + "." + kind.extension();
    }
}
