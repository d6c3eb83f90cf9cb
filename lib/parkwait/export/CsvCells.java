package parkwait.export;

/**
 * Text cells for CSV files that people open in a spreadsheet. A cell that starts with
 * {@code = + - @}, a tab or a carriage return could run as a formula in Excel or LibreOffice, so
 * it gets a leading apostrophe (shown as text, the rest unchanged); a cell with a comma, quote or
 * line break is quoted as RFC 4180 says.
 */
public final class CsvCells {
    private CsvCells() {
    }

    /** The cell as it goes into the file. */
    public static String text(String value) {
        String s = value == null ? "" : value;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) s = "'" + s;
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
