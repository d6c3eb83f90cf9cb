package parkwait.lock;

import java.time.Duration;

/** Durations for people: "12 s", "4 min 5 s", "31 h 2 min". */
public final class Ages {
    private Ages() {
    }

    public static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) return s + " s";
        if (s < 3600) return (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s");
        if (s < 86400 * 2) return (s / 3600) + " h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + " min");
        return (s / 86400) + " days " + (s % 86400 / 3600) + " h";
    }
}
