package parkwait.pipeline;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import parkwait.export.PartitionFiles;
import parkwait.store.Partition;
import parkwait.store.Store;

/**
 * Partition CSVs a person deleted or edited: every run finds the missing ones from one listing
 * of the folders (cheap); {@code --verify} also compares each CSV's bytes with what the database
 * renders. Either way the partitions found are marked dirty, so the export rewrites them.
 */
public final class Verify {
    private static final Pattern NAME = Pattern.compile("\\d{4}-\\d{2}/([a-z]{1,5})_(\\d{4}-\\d{2}-\\d{2})\\.csv");

    /** A CSV found wrong, and how. */
    public record Finding(Path file, String how) {
    }

    private Verify() {
    }

    /** Partitions that should have a CSV but none is on disk. */
    static List<Partition> missing(Store store, Path outputBase) throws IOException {
        Set<String> onDisk = PartitionFiles.onDisk(PartitionFiles.cleanRoot(outputBase));
        List<Partition> missing = new ArrayList<>();
        for (Partition p : store.partitionsWithFiles()) {
            if (!onDisk.contains(PartitionFiles.relativeName(p.park(), p.date()))) missing.add(p);
        }
        return missing;
    }

    /** The partitions of every CSV on disk named as this program names them. */
    static List<Partition> onDisk(Path outputBase) throws IOException {
        List<Partition> list = new ArrayList<>();
        for (String name : PartitionFiles.onDisk(PartitionFiles.cleanRoot(outputBase))) {
            Partition p = parse(name);
            if (p != null) list.add(p);
        }
        return list;
    }

    private static Partition parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) return null;
        try {
            return new Partition(m.group(1), LocalDate.parse(m.group(2)));
        } catch (java.time.format.DateTimeParseException e) {
            return null; // no partition has that date: not a name this program writes
        }
    }

    /**
     * Every CSV compared with the database: missing, edited (bytes differ), or not in the database
     * (a file named like a partition that has no rows). Adds each one's partition to {@code dirty}.
     */
    static List<Finding> compareAll(Store store, Path outputBase, List<Partition> dirty) throws IOException {
        List<Finding> found = new ArrayList<>();
        Set<String> expected = new HashSet<>();
        byte[] header = PartitionFiles.HEADER.getBytes(StandardCharsets.UTF_8);
        for (Partition p : store.partitionsWithFiles()) {
            expected.add(PartitionFiles.relativeName(p.park(), p.date()));
            Path file = PartitionFiles.fileOf(outputBase, p.park(), p.date());
            byte[] body = store.partitionCsv(p);
            byte[] want = body == null ? null : concat(header, body);
            byte[] have;
            try {
                have = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                have = null;
            }
            if (Arrays.equals(want, have)) continue;
            found.add(new Finding(file, have == null ? "missing" : want == null ? "no rows in the database" : "differs from the database"));
            dirty.add(p);
        }
        for (String name : PartitionFiles.onDisk(PartitionFiles.cleanRoot(outputBase))) {
            Partition p = expected.contains(name) ? null : parse(name);
            if (p == null) continue;
            found.add(new Finding(PartitionFiles.fileOf(outputBase, p.park(), p.date()), "not written by this program"));
            dirty.add(p); // rewritten from its rows, or removed if it has none
        }
        return found;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
