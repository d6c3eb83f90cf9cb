package parkwait.gen;

import java.util.ArrayList;
import java.util.List;

/**
 * The nasty set: 26 small malformed or odd files (25 without the long line), dealt out over the
 * spec's properties in turn, so each property's folder gets some. Their contents are fixed
 * apart from the entity code of the property and, for the binary and long-line files, bytes
 * drawn from the seed. Only cases of the spec's kinds are written; the long-line file only when
 * {@link Spec#longLineBytes()} is positive.
 */
final class NastyFiles {
    private NastyFiles() {}

    /** The nasty files of a spec with their keys, in a fixed order; empty unless {@link Spec#nasty()}. */
    static List<Planned> of(Spec spec) {
        var all = new ArrayList<NastyCase>(NastyStandby.cases());
        all.addAll(NastyFastpass.cases());
        all.addAll(NastyStandby.later());
        var planned = new ArrayList<Planned>();
        if (!spec.nasty()) return planned;
        for (int i = 0; i < all.size(); i++) {
            NastyCase c = all.get(i);
            if (!spec.kinds().contains(c.kind())) continue;
            if (c.name().equals("nasty_long_line.csv") && spec.longLineBytes() == 0) continue;
            Property p = spec.properties().get(i % spec.properties().size());
            planned.add(new Planned(c.kind().folder(p) + c.name(), p, c));
        }
        return planned;
    }

    /** A nasty case placed under a property. */
    record Planned(String key, Property property, NastyCase nastyCase) {
        /** A valid entity code of the property, used for the good rows. */
        String code() { return property.attractions().get(0).code(); }
    }
}
