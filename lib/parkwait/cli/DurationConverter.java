package parkwait.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads durations as people write them: 90s, 30m, 2h, 1h30m, 0. */
public final class DurationConverter implements ITypeConverter<Duration> {
    /** 100 years: more than any wait or log age anyone means, and far from overflowing. */
    static final Duration MAX = Duration.ofDays(36_500);
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("0")) return Duration.ZERO;
        Matcher m = PART.matcher(v);
        Duration total = Duration.ZERO;
        int end = 0;
        try {
            while (m.find() && m.start() == end) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
                end = m.end();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            total = MAX.plusDays(1); // too many digits for a number: longer than allowed
        }
        if (end != v.length() || v.isEmpty()) {
            throw new TypeConversionException("'" + value + "' is not a duration; write it like 90s, 30m, 2h or 1h30m");
        }
        // Deadlines and cut-offs are computed from it in milliseconds, which overflow long before Duration does.
        if (total.compareTo(MAX) > 0) {
            throw new TypeConversionException("'" + value + "' is longer than allowed; give at most " + MAX.toDays() + "d (100 years)");
        }
        return total;
    }
}
