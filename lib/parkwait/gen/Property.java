package parkwait.gen;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * The five resort properties of the bucket, with their time zones (DESIGN 4.3) and a few
 * attractions each: an entity code and the file-name slug of its standby export.
 */
public enum Property {
    WDW("America/New_York", List.of(
            new Attraction("MK01", "seven_dwarfs_train"), new Attraction("EP09", "soarin"),
            new Attraction("HS12", "rock_n_rollercoaster"), new Attraction("AK07", "flight_of_passage"),
            new Attraction("MK07", "space_mountain"), new Attraction("EP16", "test_track"),
            new Attraction("HS20", "slinky_dog"), new Attraction("AK14", "kilimanjaro_safaris"),
            new Attraction("BB02", "crush_n_gusher"), new Attraction("TL03", "humunga_kowabunga"))),
    DLR("America/Los_Angeles", List.of(
            new Attraction("DL03", "matterhorn"), new Attraction("CA11", "radiator_springs_racers"),
            new Attraction("DL11", "space_mountain"), new Attraction("CA04", "incredicoaster"),
            new Attraction("DL22", "indiana_jones"))),
    UOR("America/New_York", List.of(
            new Attraction("IA05", "hagrids_motorbike"), new Attraction("UF02", "gringotts"),
            new Attraction("EU04", "mario_kart"), new Attraction("IA02", "velocicoaster"),
            new Attraction("UF09", "revenge_of_the_mummy"))),
    USH("America/Los_Angeles", List.of(
            new Attraction("USH03", "jurassic_world"), new Attraction("USH01", "studio_tour"),
            new Attraction("USH07", "mario_kart"))),
    TDR("Asia/Tokyo", List.of(
            new Attraction("TDL01", "big_thunder_mountain"), new Attraction("TDS14", "soaring"),
            new Attraction("TDL09", "beauty_and_the_beast"), new Attraction("TDS03", "journey_to_the_center")));

    /** One attraction: its entity code (letters then digits) and the slug of its standby file. */
    public record Attraction(String code, String slug) {
        /** The letters of the code before its first digit, e.g. {@code TDS} for {@code TDS14}. */
        public String prefix() {
            int i = 0;
            while (i < code.length() && !Character.isDigit(code.charAt(i))) i++;
            return code.substring(0, i);
        }
    }

    private final ZoneId zone;
    private final List<Attraction> attractions;

    Property(String zone, List<Attraction> attractions) {
        this.zone = ZoneId.of(zone);
        this.attractions = attractions;
    }

    /** The bucket's folder name: {@code wdw}, {@code dlr}, {@code uor}, {@code ush}, {@code tdr}. */
    public String code() { return name().toLowerCase(Locale.ROOT); }

    /** The zone in which this property's local times are written. */
    public ZoneId zone() { return zone; }

    /** The attractions, in a fixed order; never empty. */
    public List<Attraction> attractions() { return attractions; }

    /** The property whose {@link #code()} is {@code code} (trimmed, any case); IllegalArgumentException otherwise. */
    public static Property fromCode(String code) {
        for (Property p : values()) {
            if (p.code().equalsIgnoreCase(code.trim())) return p;
        }
        throw new IllegalArgumentException("Unknown property '" + code + "'. Use wdw, dlr, uor, ush or tdr.");
    }
}
