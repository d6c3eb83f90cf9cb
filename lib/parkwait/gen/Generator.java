package parkwait.gen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a deterministic bucket of theme-park wait-time exports in the layout of DESIGN 4.1:
 * standby files under {@code export/wait_times/<prop>/}, new and old fastpass files under
 * {@code export/fastpass_times/<prop>/}, and optionally a nasty set of malformed files and keys.
 *
 * <p>The same {@link Spec} gives byte-identical objects on every machine: every random choice
 * comes from a {@link SplittableRandom} seeded from the spec's seed and the object's key, text
 * is written as UTF-8 with the line ends the spec asks for, numbers are written without a
 * locale, and nothing reads the clock, the default charset or the default time zone. Files are
 * streamed with a small buffer, so their size is bounded by the disk, not the heap.
 */
public final class Generator {
    private Generator() {}

    /** Writes the bucket as files under {@code root} (created if needed) and says what it wrote. */
    public static Summary writeBucket(Path root, Spec spec) throws IOException {
        return write(Sink.folder(root), spec);
    }

    /** Writes the bucket's objects, one after another in key-plan order, to {@code sink}. */
    public static Summary write(Sink sink, Spec spec) throws IOException {
        String eol = spec.crlf() ? "\r\n" : "\n";
        var written = new ArrayList<Written>();
        for (FilePlan plan : FilePlan.of(spec)) {
            var out = new CsvOut(sink.create(plan.key()), eol);
            try (out) {
                var random = randomFor(spec, plan.key());
                if (plan.kind() == Kind.STANDBY) StandbyWriter.write(out, plan, random);
                else FastpassWriter.write(out, plan, random);
            }
            written.add(new Written(plan.key(), plan.kind(), false, out.records(), out.bytes()));
        }
        for (NastyFiles.Planned planned : NastyFiles.of(spec)) {
            var out = new CsvOut(sink.create(planned.key()), "\n");
            try (out) {
                planned.nastyCase().body().write(out, planned.code(), randomFor(spec, planned.key()), spec);
            }
            written.add(new Written(planned.key(), planned.nastyCase().kind(), true, out.records(), out.bytes()));
        }
        return new Summary(written);
    }

    /** The keys a spec would write, in order, without writing anything. */
    public static List<String> keys(Spec spec) {
        var keys = new ArrayList<String>();
        FilePlan.of(spec).forEach(p -> keys.add(p.key()));
        NastyFiles.of(spec).forEach(p -> keys.add(p.key()));
        return keys;
    }

    // String.hashCode is specified by the JLS, so this seed is the same on every JVM.
    private static SplittableRandom randomFor(Spec spec, String key) {
        return new SplittableRandom(spec.seed() * 0x9E3779B97F4A7C15L + key.hashCode());
    }
}
