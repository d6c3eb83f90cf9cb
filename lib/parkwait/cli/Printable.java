package parkwait.cli;

/**
 * One line stays one line: control characters (a bucket key may hold a newline or an escape
 * sequence) are shown as {@code \n}, {@code \u001b} and the like, so text from outside cannot
 * forge log lines or move the terminal's cursor.
 */
public final class Printable {
    private Printable() {
    }

    public static String of(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029';
            if (!control) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(String.format("\\u%04x", (int) c));
            }
        }
        return b == null ? s : b.toString();
    }
}
