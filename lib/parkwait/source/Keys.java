package parkwait.source;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Rules about keys that every source follows the same way. */
final class Keys {
    /**
     * Code-point order, which is the order S3 lists keys in (UTF-8 byte order).
     * {@link String#compareTo} compares UTF-16 units and disagrees outside the Basic Multilingual Plane.
     */
    static final Comparator<SourceObject> ORDER = Comparator.comparing(SourceObject::key, Keys::compare);

    private Keys() {
    }

    static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * The standby and priority prefixes of the given properties, without duplicates.
     * Property names are checked first, since they become part of a prefix or a local path.
     */
    static Set<String> prefixes(List<String> properties) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (String property : properties) {
            if (property == null || !property.matches("[A-Za-z0-9_-]+")) {
                throw new SourceException(SourceException.Kind.INVALID_SETTING, "The property name \"" + property
                        + "\" is not valid: use letters, digits, '_' or '-' only (e.g. wdw).");
            }
            prefixes.add(Source.standbyPrefix(property));
            prefixes.add(Source.priorityPrefix(property));
        }
        return prefixes;
    }
}
