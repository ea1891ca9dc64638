package io.jdirs.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * The reversible rule that turns any non-empty Unicode key into a file name that every common
 * file system can hold (docs/FORMAT.md, "Keys and file names").
 *
 * <p>A character is written as {@code %XX} (the upper-case hex of each of its UTF-8 bytes) when it
 * is {@code %}, one of {@code / \ : * ? " < > |}, a control character (U+0000–U+001F, U+007F–U+009F),
 * a {@code .} at the start, or a {@code .}, space or {@code ~} at the end. A key whose part before the
 * first dot is a Windows device name ({@code con}, {@code nul}, {@code com1}, ...) has its first
 * character escaped. Every other character stands for itself, so ordinary keys are their own names.
 */
public final class KeyCodec {
    /** The longest escaped key, in UTF-8 bytes; with the longest type suffix a name stays under 255. */
    public static final int MAX_NAME_BYTES = 200;

    private static final Set<String> WINDOWS_DEVICES = Set.of(
            "con", "prn", "aux", "nul",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
            "com\u00b9", "com\u00b2", "com\u00b3", "lpt\u00b9", "lpt\u00b2", "lpt\u00b3");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private KeyCodec() {
    }

    /**
     * The file name of a key.
     *
     * @throws IllegalArgumentException if the key is empty, is not valid Unicode (an unpaired
     *                                   surrogate), or its name would exceed {@link #MAX_NAME_BYTES}
     */
    public static String encode(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("a key must not be empty");
        }
        int n = key.length();
        StringBuilder out = null;
        for (int i = 0; i < n; ) {
            int cp = key.codePointAt(i);
            int len = Character.charCount(cp);
            if (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) {
                throw new IllegalArgumentException("key " + quote(key) + " is not valid Unicode: unpaired surrogate at index " + i);
            }
            boolean escape = mustEscape(cp, i == 0, i + len == n)
                    || (i == 0 && isWindowsDevice(key));
            if (escape && out == null) {
                out = new StringBuilder(n + 8).append(key, 0, i);
            }
            if (escape) {
                appendEscaped(out, cp);
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += len;
        }
        String name = out == null ? key : out.toString();
        int bytes = utf8Length(name);
        if (bytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("key " + quote(key) + " is too long: its file name takes "
                    + bytes + " bytes, at most " + MAX_NAME_BYTES + " are allowed");
        }
        return name;
    }

    /**
     * The key a file name stands for. Lenient, for names made by hand: a {@code %} not followed by two
     * hex digits stands for itself, and a name whose escapes do not decode to UTF-8 is its own key.
     */
    public static String decode(String name) {
        int first = name.indexOf('%');
        if (first < 0) {
            return name;
        }
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(utf8.length);
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            int hi, lo;
            if (b == '%' && i + 2 < utf8.length && (hi = hex(utf8[i + 1])) >= 0 && (lo = hex(utf8[i + 2])) >= 0) {
                out.put((byte) (hi << 4 | lo));
                i += 2;
            } else {
                out.put(b);
            }
        }
        out.flip();
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(out).toString();
        } catch (CharacterCodingException e) {
            return name;
        }
    }

    /**
     * The form in which two keys collide on a case-insensitive or normalizing file system (macOS,
     * Windows): NFC normalization, full case folding (upper then lower case), NFC again. Two keys of
     * one node may not share it.
     */
    public static String fold(String key) {
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) >= 0x80) {
                String folded = Normalizer.normalize(key, Normalizer.Form.NFC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
                return Normalizer.normalize(folded, Normalizer.Form.NFC);
            }
        }
        return key.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether a name in a node's directory is not an entry: hidden names (a leading dot: jdirs'
     * own temporary files, {@code .DS_Store}, editor swap files) and editor backups ending in {@code ~}.
     * The encoding never produces such names.
     */
    public static boolean isIgnored(String name) {
        return name.isEmpty() || name.charAt(0) == '.' || name.charAt(name.length() - 1) == '~';
    }

    /** A key in double quotes with control characters escaped, shortened to 60 characters, for messages. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        int limit = 60;
        for (int i = 0; i < s.length(); i++) {
            if (i == limit) {
                b.append("...");
                break;
            }
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static boolean mustEscape(int cp, boolean first, boolean last) {
        switch (cp) {
            case '%': case '/': case '\\': case ':': case '*': case '?': case '"': case '<': case '>': case '|':
                return true;
            case '.':
                return first || last;
            case ' ': case '~':
                return last;
            default:
                return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
        }
    }

    private static boolean isWindowsDevice(String key) {
        int dot = key.indexOf('.');
        int end = dot < 0 ? key.length() : dot;
        while (end > 0 && key.charAt(end - 1) == ' ') {
            end--;
        }
        return (end == 3 || end == 4) && WINDOWS_DEVICES.contains(key.substring(0, end).toLowerCase(Locale.ROOT));
    }

    private static void appendEscaped(StringBuilder out, int cp) {
        byte[] bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
        for (byte b : bytes) {
            out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        return -1;
    }

    static int utf8Length(CharSequence s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Compares keys by Unicode code point, the documented order of every listing. */
    public static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // UTF-16 order differs from code point order only where a surrogate meets a char >= U+E000
                if (Character.isSurrogate(x) != Character.isSurrogate(y) && (x >= 0xE000 || y >= 0xE000)) {
                    return Character.isSurrogate(x) ? 1 : -1;
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }
}
