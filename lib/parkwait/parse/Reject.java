package parkwait.parse;

/**
 * Why a row was dropped (DESIGN 4.3). Counted per file, per run and in the database. New reasons
 * go at the end: the database stores the names, and the order is the order people see.
 */
public enum Reject {
    SHORT_ROW("short row"),
    BAD_ENTITY_CODE("bad entity code"),
    MISSING_FIELD("missing field"),
    BAD_DATE("bad date or time"),
    BAD_NUMBER("bad number"),
    OUT_OF_RANGE("out of range"),
    /** Standby exports write exactly -999 for "ride unexpectedly offline": not a wait, and not a broken row. */
    OFFLINE("offline (-999)");

    private final String label;

    Reject(String label) {
        this.label = label;
    }

    /** The wording used in logs and summaries. */
    public String label() {
        return label;
    }
}
