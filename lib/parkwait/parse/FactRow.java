package parkwait.parse;

import java.time.LocalDate;

/**
 * One clean fact row (DESIGN 4.3).
 *
 * @param entityCode   upper-case, validated ({@code ^[A-Z]{1,5}[0-9]+$})
 * @param observedAt   ISO 8601 local time of the property with its offset, seconds precision,
 *                     e.g. {@code 2024-01-15T10:30:00-05:00}; never {@code Z}
 * @param type         POSTED, ACTUAL or PRIORITY
 * @param minutes      the wait in minutes (8888 = sold out, priority only)
 * @param park         park code derived from the entity code ({@code mk}, {@code ep}, ...)
 * @param parkDate     local date of observedAt, minus one day before 06:00
 * @param epochSecond  the instant of observedAt, for sorting partitions by time
 */
public record FactRow(String entityCode, String observedAt, WaitType type, int minutes,
                      String park, LocalDate parkDate, long epochSecond) {
}
