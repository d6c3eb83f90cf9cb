package parkwait.lock;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * Facts about processes on this host. An interface so that tests can describe a recycled PID
 * or a foreign host without touching the operating system.
 */
public interface ProcessFacts {

    /** This process's PID. */
    long currentPid();

    /** The start time of a live process, or empty when no such process is alive. */
    Optional<Instant> startTimeIfAlive(long pid);

    /** Whether a process with this PID is alive (its start time may still be unknown). */
    boolean isAlive(long pid);

    /** Whether a live process is stopped (SIGSTOP, Ctrl-Z, a debugger); false when it cannot be told. */
    default boolean isStopped(long pid) {
        return false;
    }

    /** This host's name, as recorded in lock files. */
    String hostName();

    /** The user running this process. */
    String userName();

    /** The real facts, from {@link ProcessHandle}. */
    static ProcessFacts system() {
        return SystemProcessFacts.INSTANCE;
    }

    /** Host name used by {@link #system()}; PARKWAIT_HOST overrides it (tests simulate other hosts). */
    static String localHostName() {
        String forced = System.getenv("PARKWAIT_HOST");
        if (forced != null && !forced.isBlank()) return forced.trim();
        String env = System.getenv("COMPUTERNAME"); // Windows sets it; cheaper than a DNS lookup
        if (env != null && !env.isBlank()) return env.trim();
        env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env.trim();
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }
}

final class SystemProcessFacts implements ProcessFacts {
    static final SystemProcessFacts INSTANCE = new SystemProcessFacts();
    private final String host = ProcessFacts.localHostName();

    @Override public long currentPid() { return ProcessHandle.current().pid(); }

    @Override public Optional<Instant> startTimeIfAlive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).flatMap(p -> p.info().startInstant());
    }

    @Override public boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Linux only: the state letter in /proc/PID/stat, after the command name in parentheses. */
    @Override public boolean isStopped(long pid) {
        java.nio.file.Path stat = java.nio.file.Path.of("/proc", Long.toString(pid), "stat");
        try {
            String s = java.nio.file.Files.readString(stat, java.nio.charset.StandardCharsets.ISO_8859_1);
            int end = s.lastIndexOf(')');
            char state = end >= 0 && end + 2 < s.length() ? s.charAt(end + 2) : '?';
            return state == 'T' || state == 't';
        } catch (java.io.IOException | RuntimeException e) {
            return false; // not Linux, or the process is gone
        }
    }

    @Override public String hostName() { return host; }

    @Override public String userName() {
        String user = System.getProperty("user.name");
        return user == null || user.isBlank() ? "unknown" : user;
    }
}
