package parkwait.gen;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.Optional;

/**
 * Daylight-saving transitions of a zone, from the JDK's own rules (stable for the years the
 * generator uses, 2012-2026), so that test data lands on the awkward nights on purpose.
 */
final class DstDays {
    private DstDays() {}

    /** The zone's spring-forward (gap, {@code spring}) or fall-back transition in {@code year}, if any. */
    static Optional<ZoneOffsetTransition> transition(ZoneId zone, int year, boolean spring) {
        var rules = zone.getRules();
        var t = rules.nextTransition(LocalDate.of(year, 1, 1).atStartOfDay(zone).toInstant());
        while (t != null && t.getDateTimeBefore().getYear() == year) {
            if (t.isGap() == spring) return Optional.of(t);
            t = rules.nextTransition(t.getInstant());
        }
        return Optional.empty();
    }

    /** The transition whose local date is {@code day}, if there is one. */
    static Optional<ZoneOffsetTransition> on(ZoneId zone, LocalDate day) {
        var t = zone.getRules().nextTransition(day.atStartOfDay(zone).toInstant().minusSeconds(1));
        return t != null && t.getDateTimeBefore().toLocalDate().equals(day) ? Optional.of(t) : Optional.empty();
    }

    /**
     * A wall-clock time inside the transition's odd hour: half an hour into the spring gap
     * (02:30, which does not exist) or into the repeated fall hour (01:30, which exists twice).
     */
    static LocalDateTime oddTime(ZoneOffsetTransition t) {
        LocalDateTime start = t.isGap() ? t.getDateTimeBefore() : t.getDateTimeAfter();
        return start.plusMinutes(30);
    }
}
