package parkwait.lock;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import parkwait.lock.LockJudge.OsLock;

/**
 * {@code processing.lock.guard}: never deleted, it carries the operating-system lock, the last
 * fencing token issued and who took it. Its first line is the counter, fixed width, so a forced
 * clear can raise it (the fence) without touching the rest; the second line is the holder's record,
 * so a reader can name a live holder even when {@code processing.lock} is gone; the third says
 * "taking" until that holder has written its record, so a run starting that instant names it.
 */
final class GuardFile {
    /** One byte far past the end: locking it blocks nobody's reads (Windows locks are mandatory). */
    static final long LOCK_POSITION = Long.MAX_VALUE - 1;
    /** 19 digits and a newline. */
    private static final int COUNTER_BYTES = 20;
    private static final String TAKING = "taking";

    private GuardFile() {
    }

    /**
     * What the guard says. {@code holder} is who last took the lock (it may have ended since);
     * it is fenced when the counter was raised past its token by a forced clear.
     */
    record Content(long counter, Optional<LockInfo> holder, boolean taking) {
        static final Content NONE = new Content(0, Optional.empty(), false);

        boolean fenced() {
            return holder.isPresent() && counter > holder.get().token();
        }
    }

    /** What a reader learned from the guard: whether a process holds its OS lock, and its content. */
    record Probe(OsLock os, Content content) {
    }

    /** Opens the guard for reading and writing, never through a link; on Windows it cannot be deleted while open. */
    static FileChannel open(Path guard, boolean create) throws IOException {
        Set<OpenOption> options = new HashSet<>(Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS));
        if (create) options.add(StandardOpenOption.CREATE);
        if (LockFiles.WINDOWS) options.add(com.sun.nio.file.ExtendedOpenOption.NOSHARE_DELETE);
        return FileChannel.open(guard, options);
    }

    static Content read(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(COUNTER_BYTES + LockJson.MAX_RECORD_BYTES);
        long pos = 0;
        int n;
        while (buf.hasRemaining() && (n = ch.read(buf, pos)) > 0) pos += n;
        return parse(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
    }

    static Content parse(String text) {
        String[] lines = text.split("\n", -1);
        String first = lines[0].trim();
        long counter = 0;
        if (first.matches("[0-9]{1,19}")) {
            try {
                counter = Long.parseLong(first);
            } catch (NumberFormatException e) {
                counter = 0; // not a counter we wrote
            }
        }
        Optional<LockInfo> holder = Optional.empty();
        if (lines.length > 1 && !lines[1].isBlank()) {
            holder = LockJson.parse(lines[1].trim().getBytes(StandardCharsets.UTF_8)).info();
        }
        boolean taking = lines.length > 2 && lines[2].trim().equals(TAKING);
        return new Content(counter, holder, taking);
    }

    /**
     * Records a holder and its token (only under the OS lock), {@code taking} until its record is
     * written. Not forced to disk: other processes read it through the page cache, and after a
     * crash the database keeps tokens increasing.
     */
    static void write(FileChannel ch, LockInfo holder, boolean taking) throws IOException {
        byte[] counter = counterLine(holder.token());
        byte[] record = (LockJson.write(holder) + "\n" + (taking ? TAKING : "held") + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer all = ByteBuffer.allocate(counter.length + record.length).put(counter).put(record).flip();
        writeAt(ch, all);
        ch.truncate(counter.length + record.length);
    }

    /** Raises the counter only: the fence a forced clear puts up (the holder's line stays, to name it). */
    static void raise(FileChannel ch, long counter) throws IOException {
        writeAt(ch, ByteBuffer.wrap(counterLine(counter)));
        ch.force(true);
    }

    /** The counter as read through the holder's own channel: cheap enough to check before every commit. */
    static long counter(FileChannel ch) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(COUNTER_BYTES);
        long pos = 0;
        int n;
        while (buf.hasRemaining() && (n = ch.read(buf, pos)) > 0) pos += n;
        return parse(new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII)).counter();
    }

    /**
     * Asks, for an instant, whether a process holds the guard's OS lock, and reads it. Never
     * creates it; never called for a guard this JVM holds (closing a second descriptor would
     * release the POSIX lock).
     */
    static Probe probe(Path guard) {
        if (JvmHeldLocks.isHeld(guard)) return new Probe(OsLock.HELD_BY_OTHER, Content.NONE);
        if (LockFiles.kindOf(guard) != LockFiles.Kind.REGULAR) return new Probe(OsLock.NOT_HELD, Content.NONE);
        if (!JvmHeldLocks.claim(guard)) return new Probe(OsLock.HELD_BY_OTHER, Content.NONE);
        try (FileChannel ch = open(guard, false)) {
            Content content = read(ch);
            FileLock l = ch.tryLock(LOCK_POSITION, 1, false);
            if (l == null) return new Probe(OsLock.HELD_BY_OTHER, content);
            l.release();
            return new Probe(OsLock.NOT_HELD, content);
        } catch (OverlappingFileLockException e) {
            return new Probe(OsLock.HELD_BY_OTHER, Content.NONE);
        } catch (IOException e) {
            return new Probe(OsLock.UNKNOWN, Content.NONE);
        } finally {
            JvmHeldLocks.unclaim(guard);
        }
    }

    private static byte[] counterLine(long n) {
        return String.format("%019d\n", n).getBytes(StandardCharsets.US_ASCII);
    }

    private static void writeAt(FileChannel ch, ByteBuffer buf) throws IOException {
        long pos = 0;
        while (buf.hasRemaining()) pos += ch.write(buf, pos);
    }
}
