package parkwait.lock;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Guard files this JVM holds. The one piece of static state here, on purpose: POSIX record locks
 * belong to the process, and closing any other descriptor of a locked file releases them, so a
 * JVM must never open a guard it already holds (and a second lock would throw
 * OverlappingFileLockException anyway).
 */
final class JvmHeldLocks {
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private JvmHeldLocks() {
    }

    static boolean claim(Path guard) {
        return HELD.add(guard.toAbsolutePath().normalize());
    }

    static boolean isHeld(Path guard) {
        return HELD.contains(guard.toAbsolutePath().normalize());
    }

    static void unclaim(Path guard) {
        HELD.remove(guard.toAbsolutePath().normalize());
    }
}
