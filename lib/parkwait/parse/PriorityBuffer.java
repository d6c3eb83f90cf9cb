package parkwait.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Collects one priority file's valid rows so that several rows for the same (entity,
 * observed_at) collapse to the last one in file order (DESIGN 4.3).
 *
 * <p>Rows are kept in primitive arrays (about 24 bytes a row, against ~250 for a map of
 * FactRows): the whole file must be seen before any row is final. observed_at is not stored;
 * in one zone it is a function of the instant, so it is formatted again when rows are drained.
 */
final class PriorityBuffer {
    private static final int DEAD = Integer.MIN_VALUE;   // a row replaced by a later one

    private final Map<String, Integer> entityIds = new HashMap<>();
    private final List<EntityCodes.Entity> entityById = new ArrayList<>();
    private int[] entity = new int[1024];
    private long[] epochSecond = new long[1024];
    private int[] minutes = new int[1024];
    private int size;
    private int[] table = newTable(2048);               // row index + 1 per slot; 0 = empty
    private int used;

    /** Adds a row, replacing an earlier one for the same entity and instant. */
    void add(EntityCodes.Entity e, long epoch, int mins) {
        Integer id = entityIds.get(e.code());
        if (id == null) {
            id = entityById.size();
            entityIds.put(e.code(), id);
            entityById.add(e);
        }
        if (size == entity.length) grow();
        int row = size++;
        entity[row] = id;
        epochSecond[row] = epoch;
        minutes[row] = mins;
        int mask = table.length - 1;
        for (int slot = hash(id, epoch) & mask; ; slot = (slot + 1) & mask) {
            int held = table[slot] - 1;
            if (held < 0) {
                table[slot] = row + 1;
                if (++used * 2 > table.length) rehash();
                return;
            }
            if (entity[held] == id && epochSecond[held] == epoch) {
                minutes[held] = DEAD;                    // DESIGN 4.3: the last one wins
                table[slot] = row + 1;
                return;
            }
        }
    }

    /** Gives the winning rows to {@code sink} in the order of their position in the file. */
    void drain(Times times, Consumer<FactRow> sink, ParseStats stats) {
        for (int row = 0; row < size; row++) {
            if (minutes[row] == DEAD) continue;
            EntityCodes.Entity e = entityById.get(entity[row]);
            Times.Stamp at = times.atInstant(epochSecond[row]);
            sink.accept(new FactRow(e.code(), at.observedAt(), WaitType.PRIORITY, minutes[row],
                    e.park(), at.parkDate(), at.epochSecond()));
            stats.emitted();
        }
    }

    private void grow() {
        int n = entity.length * 2;
        entity = Arrays.copyOf(entity, n);
        epochSecond = Arrays.copyOf(epochSecond, n);
        minutes = Arrays.copyOf(minutes, n);
    }

    private void rehash() {
        int[] old = table;
        table = newTable(old.length * 2);
        int mask = table.length - 1;
        for (int v : old) {
            if (v == 0) continue;
            int slot = hash(entity[v - 1], epochSecond[v - 1]) & mask;
            while (table[slot] != 0) slot = (slot + 1) & mask;
            table[slot] = v;
        }
    }

    private static int[] newTable(int capacity) {
        return new int[capacity];
    }

    private static int hash(int id, long epoch) {
        long h = (epoch * 0x9E3779B97F4A7C15L) ^ (id * 0xC2B2AE3D27D4EB4FL);
        return (int) (h ^ (h >>> 29) ^ (h >>> 43));
    }
}
