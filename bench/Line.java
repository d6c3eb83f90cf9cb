import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of the result table: the wall times of its repeats, the rows one run handles, peak
 * resident memory per run where it was measured, and named extra figures per run.
 */
final class Line {
    final String id;
    final String what;
    final String rowsMean;
    final List<Double> seconds = new ArrayList<>();
    final List<Double> peakMB = new ArrayList<>();
    final Map<String, List<Double>> extra = new LinkedHashMap<>();
    long rows = -1;

    /** {@code rowsMean} says what a "row" is on this line, for the table's notes and the JSON. */
    Line(String id, String what, String rowsMean) {
        this.id = id;
        this.what = what;
        this.rowsMean = rowsMean;
    }

    void add(double secs, double peak) {
        seconds.add(secs);
        if (!Double.isNaN(peak)) peakMB.add(peak);
    }

    void extra(String name, double value) {
        extra.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    boolean ran() {
        return !seconds.isEmpty();
    }

    double median() {
        return median(seconds);
    }

    double min() {
        return seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return seconds.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Rows per second at the median time; NaN when the line has no rows (start-up, incremental). */
    double rate() {
        return rows > 0 && ran() ? rows / median() : Double.NaN;
    }

    double peakMaxMB() {
        return peakMB.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    double extraMedian(String name) {
        return median(extra.getOrDefault(name, List.of()));
    }

    /** The median (the mean of the middle two for an even count); NaN for none. */
    static double median(List<Double> values) {
        if (values.isEmpty()) return Double.NaN;
        List<Double> s = values.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
