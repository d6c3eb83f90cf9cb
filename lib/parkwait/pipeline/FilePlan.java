package parkwait.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import parkwait.parse.FileKind;
import parkwait.parse.Parks;
import parkwait.source.SourceObject;
import parkwait.store.SourceFileRecord;

/** Which listed files a run loads, and why (DESIGN 4.1 and 4.6). Pure: decides from the listing and the database. */
public final class FilePlan {

    /** Why a file is loaded. */
    public enum Reason { NEW, CHANGED, RETRY }

    /** One file to load. */
    public record Item(SourceObject object, FileKind kind, ZoneId zone, Reason reason) {
    }

    /** The decision for the whole listing. */
    public record Plan(List<Item> load, List<SourceObject> unchanged, List<SourceObject> givenUp, List<String> unknown) {
    }

    private FilePlan() {
    }

    public static Plan decide(List<SourceObject> listing, Map<String, SourceFileRecord> known, Map<String, ZoneId> zones,
                              int maxFailures, Duration skipFailedAfter, Instant now) {
        List<Item> load = new ArrayList<>();
        List<SourceObject> unchanged = new ArrayList<>();
        List<SourceObject> givenUp = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<SourceObject> sorted = new ArrayList<>(listing);
        sorted.sort(SourceObject.keyOrder()); // DESIGN 4.5: code-point order, not String's UTF-16 order
        for (SourceObject obj : sorted) {
            FileKind kind = FileKind.classify(obj.key());
            Optional<String> property = Parks.propertyOfKey(obj.key());
            if (kind == FileKind.UNKNOWN || property.isEmpty() || !zones.containsKey(property.get())) {
                unknown.add(obj.key());
                continue;
            }
            SourceFileRecord rec = known.get(obj.key());
            Reason reason;
            if (rec == null) {
                reason = Reason.NEW;
            } else if (rec.isLoaded(obj)) {
                unchanged.add(obj);
                continue;
            } else if (rec.status() == SourceFileRecord.Status.FAILED) {
                if (rec.failureCount() >= maxFailures && obj.lastModified() != null
                        && obj.lastModified().isBefore(now.minus(skipFailedAfter))) {
                    givenUp.add(obj);
                    continue;
                }
                reason = rec.etag() == null ? Reason.RETRY : Reason.CHANGED;
                if (rec.etag() != null && rec.etag().equals(obj.etag())) reason = Reason.RETRY;
            } else {
                reason = Reason.CHANGED;
            }
            load.add(new Item(obj, kind, zones.get(property.get()), reason));
        }
        return new Plan(load, unchanged, givenUp, unknown);
    }
}
