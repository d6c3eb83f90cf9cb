package parkwait.status;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import parkwait.cli.LockReport;
import parkwait.parse.Reject;
import parkwait.store.StoreStats;

/**
 * status.java --html: the status as one self-contained HTML page (no network: styles, script and
 * pictures are inline). Sections, each with an id: verdict (and problems), lock, runs, freshness,
 * calendar (rows per park and day), rejects, failed. Every text from the data is escaped.
 */
public final class HtmlPage {
    /** Files listed in the rejects table at most; the total says how many there are. */
    static final int FILES_SHOWN = 50;
    /** Runs the page charts (status.java reads at least this many for it). */
    public static final int RUNS_CHARTED = 30;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private static final String STYLE = """
            body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",sans-serif;margin:1.5em;color:#222;max-width:1100px}
            h1{font-size:1.5em;margin:0} h2{font-size:1.15em;border-bottom:1px solid #ddd;padding-bottom:2px;margin-top:1.6em}
            h3{font-size:1em;margin:.8em 0 .2em} .muted{color:#666} pre{background:#f6f6f6;padding:.6em;overflow:auto}
            table{border-collapse:collapse} td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:left;vertical-align:top}
            td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
            #verdict{padding:.6em 1em;border-radius:6px} #verdict.OK{background:#e6f4ea} #verdict.ATTENTION{background:#fdecea}
            #verdict.NO_DATA{background:#eef} .line{font-weight:600;font-size:1.05em}
            .STALE{color:#b00020;font-weight:600} .FUTURE{color:#8a2be2;font-weight:600}
            .axis{font-size:11px;fill:#444} .legend span{display:inline-block;width:12px;height:10px;margin:0 4px 0 12px}
            #calendar-tip{min-height:1.4em;font-weight:600} .bar{background:#e15759;height:10px;display:inline-block}
            """;
    // Set before anything else runs, so that any script error is visible in the DOM (the browser test reads it).
    private static final String ERROR_HOOK = "window.addEventListener('error',function(e){document.documentElement"
            + ".setAttribute('data-error',String(e.message));});";

    private HtmlPage() {
    }

    /** The whole page; times in {@code zone}. */
    public static String render(StatusReport r, ZoneId zone) {
        StringBuilder b = new StringBuilder(64 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
                .append("<title>parkwait status: ").append(r.health().level()).append("</title><style>").append(STYLE)
                .append("</style><script>").append(ERROR_HOOK).append("</script></head>\n<body data-rendered=\"no\">\n");
        b.append("<header><h1>parkwait status</h1><p class=\"muted\">").append(escape(r.settings().outputBase().toString()))
                .append(" &middot; generated ").append(LOCAL.format(r.now().atZone(zone))).append(" (")
                .append(escape(zone.getId())).append(")</p></header>\n");
        verdict(b, r);
        b.append("<section id=\"lock\"><h2>Run lock</h2><pre>").append(escape(LockReport.text(r.lock(), r.now())))
                .append("</pre></section>\n");
        b.append("<section id=\"runs\"><h2>Last runs</h2>").append(HtmlCharts.runsSvg(r.runs())).append(runsTable(r, zone))
                .append("</section>\n");
        freshness(b, r);
        calendar(b, r);
        rejects(b, r);
        failed(b, r, zone);
        b.append("<script>").append(HtmlCharts.CALENDAR_SCRIPT).append("</script>\n</body></html>\n");
        return b.toString();
    }

    private static void verdict(StringBuilder b, StatusReport r) {
        b.append("<section id=\"verdict\" class=\"").append(r.health().level()).append("\"><h2>Verdict</h2><p class=\"line\">")
                .append(escape(r.health().line())).append("</p><ul id=\"problems\">");
        for (Health.Problem p : r.health().problems()) {
            b.append("<li><b>").append(escape(p.summary())).append("</b><br>").append(escape(p.advice())).append("</li>");
        }
        b.append("</ul></section>\n");
    }

    private static String runsTable(StatusReport r, ZoneId zone) {
        if (r.runs().isEmpty()) return "";
        StringBuilder b = new StringBuilder("<table><tr><th>Started</th><th>State</th><th class=\"n\">Duration</th>"
                + "<th class=\"n\">Files loaded</th><th class=\"n\">Failed</th><th class=\"n\">Rows new</th><th class=\"n\">Records read</th>"
                + "<th class=\"n\">Rejected</th></tr>");
        for (StatusReport.RunView v : r.runs().subList(0, Math.min(10, r.runs().size()))) {
            b.append("<tr><td>").append(LOCAL.format(v.run().startedAt().atZone(zone))).append("</td><td>")
                    .append(v.state() == StatusReport.RunState.FINISHED ? escape(String.valueOf(v.run().outcome())) : v.state().name().toLowerCase())
                    .append("</td><td class=\"n\">").append(HtmlCharts.duration(v.duration())).append("</td>")
                    .append(cell(v.run().filesNew())).append(cell(v.run().filesFailed())).append(cell(v.run().rowsNew()))
                    .append(cell(v.run().rowsSeen())).append(cell(v.run().rowsRejected())).append("</tr>");
        }
        return b.append("</table>").toString();
    }

    private static void freshness(StringBuilder b, StatusReport r) {
        b.append("<section id=\"freshness\"><h2>Freshness per park</h2>");
        if (r.parks().isEmpty()) {
            b.append("<p>No rows loaded yet.</p></section>\n");
            return;
        }
        b.append("<table><tr><th>Park</th><th class=\"n\">Rows</th><th>Newest date</th><th>Newest observed_at</th><th>Age</th>"
                + "<th>Newest rows from</th></tr>");
        for (StatusReport.ParkFreshness p : r.parks()) {
            String flag = p.stale() ? "STALE" : p.future() ? "FUTURE" : "";
            b.append("<tr><td>").append(escape(p.rows().park())).append("</td>").append(cell(p.rows().rows()))
                    .append("<td>").append(p.rows().newestParkDate()).append("</td><td>")
                    .append(escape(String.valueOf(p.rows().newestObservedAt()))).append("</td><td class=\"").append(flag).append("\">")
                    .append(p.age() == null ? "-" : escape(AgeWords.of(p.age()))).append(flag.isEmpty() ? "" : " " + flag)
                    .append("</td><td>").append(escape(String.join(", ", p.rows().newestFiles()))).append("</td></tr>");
        }
        b.append("</table></section>\n");
    }

    private static void calendar(StringBuilder b, StatusReport r) {
        b.append("<section id=\"calendar\"><h2>Rows per park and day</h2>");
        List<StoreStats.ParkDay> days = r.database().map(StoreStats.Snapshot::days).orElse(List.of());
        b.append("<p class=\"legend muted\">One row per year, one column per day (by park date).")
                .append("<span style=\"background:#d62728\"></span>no rows (a gap)")
                .append("<span style=\"background:#ff9f1c\"></span>under 1/").append(Gaps.THIN_DIVISOR).append(" of the median")
                .append("<span style=\"background:#c7e9c0\"></span><span style=\"background:#74c476;margin-left:0\"></span>")
                .append("<span style=\"background:#31a354;margin-left:0\"></span><span style=\"background:#006d2c;margin-left:0\"></span>")
                .append("fewer to more rows than the median<span style=\"background:#eee\"></span>before the first or after the last day</p>");
        b.append("<ul id=\"gaps\">");
        for (Gaps g : r.gaps()) {
            b.append("<li><b>").append(escape(g.park())).append("</b> ").append(g.first()).append("..").append(g.last()).append(": ")
                    .append(g.missingDays()).append(" missing days in ").append(g.missing().size()).append(" gaps, ")
                    .append(g.thin().size()).append(" thin days");
            if (!g.missing().isEmpty()) b.append("; newest gap ").append(escape(g.missing().get(0).toString()));
            b.append("</li>");
        }
        b.append("</ul><div id=\"calendar-tip\"></div><div id=\"heatmaps\"></div>")
                .append("<script type=\"application/json\" id=\"calendar-data\">").append(HtmlCharts.calendarJson(days, r.gaps()))
                .append("</script></section>\n");
    }

    private static void rejects(StringBuilder b, StatusReport r) {
        b.append("<section id=\"rejects\"><h2>Rejected records</h2>");
        List<StoreStats.FileRejects> files = r.database().map(StoreStats.Snapshot::rejectedByFile).orElse(List.of());
        if (files.isEmpty()) {
            b.append("<p>None.</p></section>\n");
            return;
        }
        Map<Reject, Long> byReason = r.rejectedByReason();
        long max = byReason.values().stream().mapToLong(Long::longValue).max().orElse(1);
        b.append("<h3>By reason</h3><table id=\"rejects-by-reason\">");
        byReason.forEach((reason, n) -> b.append("<tr><td>").append(escape(reason.label())).append("</td>").append(cell(n))
                .append("<td><span class=\"bar\" style=\"width:").append(Math.max(1, n * 300 / max)).append("px\"></span></td></tr>"));
        b.append("</table><h3>By file</h3><p class=\"muted\">").append(files.size())
                .append(" files; the records themselves: status.java --rejects KEY, or state/rejected_rows.csv</p>")
                .append("<table id=\"rejects-by-file\"><tr><th>File</th><th class=\"n\">Rejected</th><th class=\"n\">of records</th><th>By reason</th></tr>");
        for (StoreStats.FileRejects f : files.subList(0, Math.min(FILES_SHOWN, files.size()))) {
            b.append("<tr><td>").append(escape(f.key())).append("</td>").append(cell(f.rejected())).append(cell(f.records()))
                    .append("<td>").append(escape(StatusText.reasons(f.byReason()))).append("</td></tr>");
        }
        b.append("</table>");
        if (files.size() > FILES_SHOWN) b.append("<p class=\"muted\">and ").append(files.size() - FILES_SHOWN).append(" more files</p>");
        b.append("</section>\n");
    }

    private static void failed(StringBuilder b, StatusReport r, ZoneId zone) {
        b.append("<section id=\"failed\"><h2>Failed files</h2>");
        if (r.failedFiles().isEmpty()) {
            b.append("<p>None.</p></section>\n");
            return;
        }
        b.append("<table><tr><th>File</th><th class=\"n\">Failures</th><th>Last failed</th><th>Error</th></tr>");
        for (StatusReport.FailedView f : r.failedFiles()) {
            b.append("<tr><td>").append(escape(f.file().key())).append("</td>").append(cell(f.file().failureCount())).append("<td>")
                    .append(f.file().failedAt() == null ? "-" : LOCAL.format(f.file().failedAt().atZone(zone)))
                    .append(f.atRetryLimit() ? " (at the retry limit)" : "").append("</td><td>")
                    .append(escape(String.valueOf(f.file().lastError()))).append("</td></tr>");
        }
        b.append("</table></section>\n");
    }

    private static String cell(long n) {
        return "<td class=\"n\">" + n + "</td>";
    }

    /** Text for HTML element content and attribute values. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') b.append("\\u").append(String.format("%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.toString();
    }
}
