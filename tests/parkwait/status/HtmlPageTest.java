package parkwait.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.testing.Chromium;
import parkwait.testing.JavaProcesses;

/** status.java --html: one self-contained page, checked as text and in a real browser (headless Chromium). */
class HtmlPageTest {
    // A key that would be markup if it were not escaped; its bad row puts it in the rejects table.
    static final String HOSTILE_NAME = "x<img src=x onerror=alert(1)>.csv";
    static final List<String> SECTIONS = List.of("verdict", "problems", "lock", "runs", "runs-chart", "freshness",
            "calendar", "gaps", "heatmaps", "rejects", "rejects-by-reason", "rejects-by-file", "failed");

    @TempDir static Path shared;
    static Path out;
    static Path page;

    @BeforeAll
    static void writeThePageOfTheSample() throws Exception {
        Path bucket = shared.resolve("bucket");
        Path sample = JavaProcesses.projectHome().resolve("examples/bucket");
        try (var walk = Files.walk(sample)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = bucket.resolve(sample.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
        Files.writeString(bucket.resolve("export/wait_times/wdw").resolve(HOSTILE_NAME),
                "entity_code,observed_at,submitted_posted_time,submitted_actual_time\nMK01,2024-01-15 10:00,abc,,\n");
        out = shared.resolve("out");
        AnalystViewTest.ingest(bucket, out);
        page = shared.resolve("page/status.html");
        String[] r = StatusTest.runCommand("--output-base", out.toString(), "--html", page.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("Wrote the status page " + page), r[2]);
    }

    @Test
    void thePageIsSelfContainedAndEscapesWhatItShows() throws Exception {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        for (String outside : List.of("<link", "src=\"", "src='", "@import", "url(", "https://", "<iframe", "fetch(")) {
            assertFalse(html.contains(outside), "the page reaches outside itself: " + outside);
        }
        assertFalse(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "").contains("http://"), "no http address but the SVG namespace");
        assertFalse(html.contains("<img"), "a key became markup");
        assertTrue(html.contains("x&lt;img src=x onerror=alert(1)&gt;.csv"), "the key is shown, escaped");
        for (String id : SECTIONS) assertTrue(html.contains("id=\"" + id + "\""), "section " + id);
        assertTrue(html.contains("offline (-999)"));
        assertTrue(html.contains("ia (2099-12-31, in export/wait_times/uor/nasty_dates.csv)"), "the verdict and its problems");
    }

    @Test
    void chromiumRendersEveryPartWithoutConsoleErrorsAndTakesAScreenshot() throws Exception {
        var chromium = Chromium.find();
        Assumptions.assumeTrue(chromium.isPresent(),
                "Skipped: Chromium is not installed (Debian: apt-get install -y chromium), so the page was not loaded in a browser.");
        Path work = Files.createTempDirectory("parkwait-status-page");
        Chromium.Result dom = chromium.get().dumpDom(page, work);
        assertEquals(0, dom.exitCode(), dom.stderr());
        assertEquals(List.of(), dom.consoleLines(), "console messages");
        String d = dom.stdout();
        assertFalse(d.contains("data-error="), "a script error: " + d);
        int parks = AnalystViewTest.status(out).parks().size();
        assertTrue(Pattern.compile("<body data-rendered=\"" + parks + "\" data-render-ms=\"\\d+\">").matcher(d).find(), "the heatmap script finished: " + d.substring(0, Math.min(300, d.length())));
        for (String id : SECTIONS) assertTrue(d.contains("id=\"" + id + "\""), "section " + id);
        assertEquals(parks, count(d, "<canvas"), "one calendar per park");
        assertEquals(parks, count(d, "class=\"park-calendar\""));
        assertFalse(d.contains("<img"), "a key became markup in the browser");

        // The check can fail: a page with a script error is caught by both means.
        Path broken = work.resolve("broken.html");
        Files.writeString(broken, Files.readString(page).replace("var W = 2,", "var W = undefinedName,"));
        Chromium.Result bad = chromium.get().dumpDom(broken, work);
        assertTrue(bad.stdout().contains("data-error=") && !bad.consoleLines().isEmpty(), bad.stderr());

        Path png = work.resolve("status.png");
        Chromium.Result shot = chromium.get().screenshot(page, work, png, 1200, 2400);
        assertEquals(0, shot.exitCode(), shot.stderr());
        assertTrue(Files.size(png) > 10_000, "screenshot " + png);
        System.out.println("HtmlPageTest: screenshot of the status page saved to " + png);
    }

    static int count(String s, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(s);
        int n = 0;
        while (m.find()) n++;
        return n;
    }
}
