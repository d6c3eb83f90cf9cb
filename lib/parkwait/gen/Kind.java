package parkwait.gen;

/** The three export formats, each with the bucket folder it lives in (DESIGN 4.1, 4.3). */
public enum Kind {
    /** Standby waits: CSV with a header, under {@code export/wait_times/<prop>/}. */
    STANDBY("export/wait_times/"),
    /** New fastpass: header {@code FATTID,FDAY,...}, compact hours allowed, under {@code export/fastpass_times/<prop>/}. */
    FASTPASS("export/fastpass_times/"),
    /** Old fastpass: first record skipped, no header, plain hours; its key carries a year marker. */
    OLD_FASTPASS("export/fastpass_times/");

    private final String folder;

    Kind(String folder) { this.folder = folder; }

    /** The folder of this kind for one property, e.g. {@code export/wait_times/wdw/}. */
    public String folder(Property property) { return folder + property.code() + "/"; }

    /** The lower-case name used on the command line: {@code standby}, {@code fastpass}, {@code old-fastpass}. */
    public String cliName() { return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'); }

    /** The kind whose {@link #cliName()} is {@code name}; throws IllegalArgumentException for anything else. */
    public static Kind fromCliName(String name) {
        for (Kind k : values()) {
            if (k.cliName().equals(name)) return k;
        }
        throw new IllegalArgumentException("Unknown file kind '" + name
                + "'. Use standby, fastpass or old-fastpass.");
    }
}
