package parkwait.parse;

import java.util.HashMap;
import java.util.Map;

/**
 * Validates entity-code cells and derives their park codes, remembering the answer per
 * distinct cell: a file has a few hundred codes and millions of rows.
 */
final class EntityCodes {
    /** A valid entity code and its park code. */
    record Entity(String code, String park) {
    }

    private static final Entity INVALID = new Entity("", "");
    private static final int MAX_CACHED = 50_000;   // junk files must not grow memory unbounded
    // Valid codes are a few characters; caching junk cells of up to CsvReader.MAX_FIELD_CHARS
    // each would let 50,000 of them hold hundreds of megabytes.
    private static final int MAX_CACHED_CELL = 32;

    private final Map<String, Entity> cache = new HashMap<>();

    /** The entity in field {@code col} (trimmed, non-empty), or null if it is not valid (DESIGN 4.3). */
    Entity of(CsvReader r, int col) {
        int s = r.trimStart(col);
        String cell = new String(r.chars(), s, r.trimEnd(col) - s);
        Entity e = cache.get(cell);
        if (e == null) {
            e = Parks.entityCode(cell).map(c -> new Entity(c, Parks.parkCode(c))).orElse(INVALID);
            if (cache.size() < MAX_CACHED && cell.length() <= MAX_CACHED_CELL) cache.put(cell, e);
        }
        return e == INVALID ? null : e;
    }
}
