package parkwait.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parkwait.cli.ScriptRun;
import parkwait.testing.JavaProcesses;

/**
 * cron runs programs with LANG=C, where Java decodes file names as ASCII: a folder source with
 * {@code soarin_café.csv} in it must still load that file, under the same key as in a UTF-8 locale
 * (issue 11 item 6). Real child JVMs, one per locale.
 */
class CLocaleTest {
    @TempDir Path bucket;
    @TempDir Path out;

    @Test
    void aNonAsciiFileNameLoadsUnderLangCWithTheSameKeyAsUnderUtf8() throws Exception {
        Path wdw = Files.createDirectories(bucket.resolve("export/wait_times/wdw"));
        Files.copy(JavaProcesses.projectHome().resolve("examples/bucket/export/wait_times/wdw/soarin.csv"),
                wdw.resolve("soarin_café.csv"));

        ScriptRun c = ScriptRun.run(bucket, locale("C"), "ingest", "--source", bucket.toString(),
                "--output-base", out.resolve("c").toString(), "--props", "wdw");
        assertEquals(0, c.exit(), c.all());
        assertTrue(c.out().contains("1 loaded (1 new"), c.all());
        String cKeys = Files.readString(out.resolve("c/state/processed_files.json"), StandardCharsets.UTF_8);
        assertTrue(cKeys.contains("export/wait_times/wdw/soarin_café.csv"), cKeys);

        ScriptRun utf8 = ScriptRun.run(bucket, locale("C.UTF-8"), "ingest", "--source", bucket.toString(),
                "--output-base", out.resolve("utf8").toString(), "--props", "wdw");
        assertEquals(0, utf8.exit(), utf8.all());
        String utf8Keys = Files.readString(out.resolve("utf8/state/processed_files.json"), StandardCharsets.UTF_8);
        assertTrue(utf8Keys.contains("export/wait_times/wdw/soarin_café.csv"), utf8Keys);

        // And the next run under LANG=C finds it unchanged, not new under another name.
        ScriptRun again = ScriptRun.run(bucket, locale("C"), "ingest", "--source", bucket.toString(),
                "--output-base", out.resolve("c").toString(), "--props", "wdw");
        assertEquals(0, again.exit(), again.all());
        assertTrue(again.out().contains("0 loaded") && again.out().contains("1 unchanged"), again.all());
    }

    private static Map<String, String> locale(String name) {
        Map<String, String> env = new HashMap<>();
        for (String k : System.getenv().keySet()) if (k.startsWith("LC_")) env.put(k, null);
        env.put("LANG", name);
        env.put("LC_ALL", name);
        return env;
    }
}
