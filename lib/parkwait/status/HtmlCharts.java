package parkwait.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import parkwait.store.StoreStats;

/**
 * The pictures of the HTML status page: an inline SVG chart of the last runs, and the data and
 * script of the calendar heatmap. The heatmap is drawn by an inline script on canvases from one
 * compact JSON array of rows per day per park, because one SVG element per park day would make
 * the page megabytes long at 50,000 partitions.
 */
final class HtmlCharts {
    private static final int CHART_WIDTH = 720;
    private static final int PANEL_HEIGHT = 56;

    private HtmlCharts() {
    }

    /** Three bar panels (duration, rows new, files failed) over the runs, oldest left; each bar has a tooltip. */
    static String runsSvg(List<StatusReport.RunView> newestFirst) {
        List<StatusReport.RunView> runs = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(runs);
        int n = runs.size();
        StringBuilder b = new StringBuilder();
        int height = 3 * (PANEL_HEIGHT + 22);
        b.append("<svg id=\"runs-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(CHART_WIDTH + 160)
                .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"the last runs\">");
        panel(b, runs, 0, "duration (s)", v -> v.duration() == null ? 0 : v.duration().toMillis() / 1000.0, "#4e79a7");
        panel(b, runs, 1, "rows new", v -> v.run().rowsNew(), "#59a14f");
        panel(b, runs, 2, "files failed", v -> v.run().filesFailed(), "#e15759");
        b.append("</svg>");
        return n == 0 ? "<p>No run recorded yet.</p>" : b.toString();
    }

    private static void panel(StringBuilder b, List<StatusReport.RunView> runs, int index, String label,
                              ToDoubleFunction<StatusReport.RunView> value, String color) {
        int top = index * (PANEL_HEIGHT + 22) + 16;
        double max = runs.stream().mapToDouble(value).max().orElse(0);
        b.append("<text x=\"0\" y=\"").append(top - 4).append("\" class=\"axis\">").append(label).append(", highest ")
                .append(number(max)).append("</text>");
        b.append("<line x1=\"0\" x2=\"").append(CHART_WIDTH).append("\" y1=\"").append(top + PANEL_HEIGHT)
                .append("\" y2=\"").append(top + PANEL_HEIGHT).append("\" stroke=\"#999\"/>");
        double slot = (double) CHART_WIDTH / Math.max(1, runs.size());
        double width = Math.max(1, Math.min(28, slot - 2));
        for (int i = 0; i < runs.size(); i++) {
            StatusReport.RunView v = runs.get(i);
            double h = max <= 0 ? 0 : value.applyAsDouble(v) / max * PANEL_HEIGHT;
            String fill = v.state() == StatusReport.RunState.UNFINISHED ? "#bab0ac" : color;
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">",
                    i * slot + 1, top + PANEL_HEIGHT - Math.max(h, 0.5), width, Math.max(h, 0.5), fill));
            b.append("<title>").append(HtmlPage.escape(v.run().startedAt() + " " + state(v) + ": " + label + " "
                    + number(value.applyAsDouble(v)))).append("</title></rect>");
        }
    }

    private static String state(StatusReport.RunView v) {
        return switch (v.state()) {
            case FINISHED -> v.run().outcome() == null ? "finished" : v.run().outcome();
            case RUNNING -> "running";
            case UNFINISHED -> "unfinished";
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * The heatmap's data: {"parks":[{"park":"mk","first":"2024-01-01","median":480,"rows":[480,0,...]}]},
     * one number per day from the park's first to its last day (0: no rows; -k: k days without rows). Park codes are
     * letters (from validated entity codes), so nothing here needs escaping inside a script element.
     */
    static String calendarJson(List<StoreStats.ParkDay> days, List<Gaps> gaps) {
        StringBuilder b = new StringBuilder("{\"parks\":[");
        int g = 0;
        for (int i = 0; i < days.size(); g++) {
            String park = days.get(i).park();
            Gaps gap = gaps.get(g);
            if (g > 0) b.append(',');
            b.append("{\"park\":\"").append(jsonText(park)).append("\",\"first\":\"").append(gap.first())
                    .append("\",\"median\":").append(gap.median()).append(",\"rows\":[");
            java.time.LocalDate expected = gap.first();
            boolean firstValue = true;
            for (; i < days.size() && days.get(i).park().equals(park); i++) {
                StoreStats.ParkDay d = days.get(i);
                long zeros = java.time.temporal.ChronoUnit.DAYS.between(expected, d.date());
                if (zeros > 0) {                     // a gap of k days is written -k (years of gaps stay short)
                    b.append(firstValue ? "" : ",").append(zeros == 1 ? "0" : Long.toString(-zeros));
                    firstValue = false;
                }
                b.append(firstValue ? "" : ",").append(d.rows());
                firstValue = false;
                expected = d.date().plusDays(1);
            }
            b.append("]}");
        }
        return b.append("]}").toString();
    }

    /** A JSON string's content, with {@code <} escaped so that no text can close the script element. */
    static String jsonText(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }

    static String duration(Duration d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** Draws each park's year rows (366 day columns) on a canvas; a tooltip names the day under the pointer. */
    static final String CALENDAR_SCRIPT = """
            (function () {
              var t0 = performance.now();
              var data = JSON.parse(document.getElementById('calendar-data').textContent);
              var host = document.getElementById('heatmaps');
              var tip = document.getElementById('calendar-tip');
              var W = 2, H = 11, GAP = 2, LEFT = 40, TOP = 14, DAY = 86400000;
              function level(n, median) {
                if (n === 0) return '#d62728';
                if (n * 10 < median) return '#ff9f1c';
                var r = median > 0 ? n / median : 1;
                return r < 0.5 ? '#c7e9c0' : r < 1 ? '#74c476' : r < 1.5 ? '#31a354' : '#006d2c';
              }
              function parse(s) { var p = s.split('-'); return Date.UTC(+p[0], +p[1] - 1, +p[2]); }
              function dayOfYear(t) { var d = new Date(t); return Math.round((t - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY); }
              data.parks.forEach(function (p) {
                var rows = [];
                p.rows.forEach(function (v) { if (v < 0) { for (var k = 0; k < -v; k++) rows.push(0); } else rows.push(v); });
                p.rows = rows;
                var first = parse(p.first), n = p.rows.length;
                var y0 = new Date(first).getUTCFullYear(), y1 = new Date(first + (n - 1) * DAY).getUTCFullYear();
                var box = document.createElement('div');
                box.className = 'park-calendar';
                box.setAttribute('data-park', p.park);
                var title = document.createElement('h3');
                title.textContent = p.park + ' (median ' + p.median + ' rows a day)';
                var c = document.createElement('canvas');
                c.width = LEFT + 366 * W + 4;
                c.height = TOP + (y1 - y0 + 1) * (H + GAP);
                var g = c.getContext('2d');
                g.font = '10px sans-serif';
                g.fillStyle = '#555';
                ['Jan', 'Apr', 'Jul', 'Oct'].forEach(function (m, k) { g.fillText(m, LEFT + [0, 90, 181, 273][k] * W, 10); });
                for (var y = y0; y <= y1; y++) {
                  var top = TOP + (y - y0) * (H + GAP);
                  g.fillStyle = '#555';
                  g.fillText(String(y), 2, top + H - 1);
                  g.fillStyle = '#eeeeee';
                  g.fillRect(LEFT, top, 366 * W, H);
                }
                for (var i = 0; i < n; i++) {
                  var t = first + i * DAY, yr = new Date(t).getUTCFullYear();
                  g.fillStyle = level(p.rows[i], p.median);
                  g.fillRect(LEFT + dayOfYear(t) * W, TOP + (yr - y0) * (H + GAP), W, H);
                }
                c.addEventListener('mousemove', function (e) {
                  var r = c.getBoundingClientRect();
                  var col = Math.floor((e.clientX - r.left - LEFT) / W), row = Math.floor((e.clientY - r.top - TOP) / (H + GAP));
                  var t = Date.UTC(y0 + row, 0, 1) + col * DAY, i = Math.round((t - first) / DAY);
                  if (col < 0 || row < 0 || i < 0 || i >= n) { tip.textContent = ''; return; }
                  tip.textContent = p.park + ' ' + new Date(t).toISOString().slice(0, 10) + ': '
                      + (p.rows[i] === 0 ? 'no rows (a gap)' : p.rows[i] + ' rows');
                });
                box.appendChild(title);
                box.appendChild(c);
                host.appendChild(box);
              });
              document.body.setAttribute('data-render-ms', String(Math.round(performance.now() - t0)));
              document.body.setAttribute('data-rendered', String(data.parks.length));
            })();
            """;
}
