package parkwait.lock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import parkwait.lock.LockJudge.Snapshot;

/** What is in the state folder's place for the lock: the record as read, and files that must not be used. */
final class LockFolder {
    private final Path lockFile;
    private final Path guardFile;
    private final ProcessFacts facts;

    LockFolder(Path lockFile, Path guardFile, ProcessFacts facts) {
        this.lockFile = lockFile;
        this.guardFile = guardFile;
        this.facts = facts;
    }

    /** Not regular files where the lock's files should be: never opened, never followed (issue 12). */
    Optional<Verdict.Unusable> oddFiles() {
        for (Path p : new Path[] {lockFile, guardFile, lockFile.resolveSibling(FileRunLock.LOCK_FILE + ".tmp")}) {
            LockFiles.Kind kind = LockFiles.kindOf(p);
            if (kind == LockFiles.Kind.ABSENT || kind == LockFiles.Kind.REGULAR) continue;
            if (p.equals(lockFile) && kind == LockFiles.Kind.DIRECTORY) {
                return Optional.of(LockJudge.folderInPlace());
            }
            return Optional.of(new Verdict.Unusable(p + " is " + kind.words() + ", not a regular file, so the lock"
                    + " cannot be used safely", "remove it by hand (this program only ever writes regular files there),"
                    + " then start again"));
        }
        return Optional.empty();
    }

    // --- internals ---

    Snapshot snapshot() {
        for (int attempt = 1; ; attempt++) {
            try {
                LockFiles.Kind kind = LockFiles.kindOf(lockFile);
                if (kind == LockFiles.Kind.ABSENT) return Snapshot.absent();
                if (kind == LockFiles.Kind.DIRECTORY) return new Snapshot(true, true, Optional.empty(), "a folder is in its place", null);
                if (kind != LockFiles.Kind.REGULAR) {
                    return new Snapshot(true, false, Optional.empty(), "it is " + kind.words() + ", not a regular file", null);
                }
                Instant modified = Files.getLastModifiedTime(lockFile, LinkOption.NOFOLLOW_LINKS).toInstant();
                byte[] bytes = LockFiles.read(lockFile, LockJson.MAX_RECORD_BYTES);
                if (bytes.length > LockJson.MAX_RECORD_BYTES) {
                    return new Snapshot(true, false, Optional.empty(), "the file is larger than "
                            + LockJson.MAX_RECORD_BYTES + " bytes, too large to be a lock record", modified);
                }
                LockJson.Parsed p = LockJson.parse(bytes, facts.hostName(), modified);
                return new Snapshot(true, false, p.info(), p.problem(), modified);
            } catch (NoSuchFileException e) {
                if (attempt >= 3) return Snapshot.absent(); // released while we looked
            } catch (IOException e) {
                // Windows refuses a read while the holder renames its record over the file: a moment, retried.
                if (attempt >= 3) return new Snapshot(true, false, Optional.empty(), "it cannot be read: " + e.getMessage(), null);
                pause(10L * attempt);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis); // between retries of a read refused for an instant, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
