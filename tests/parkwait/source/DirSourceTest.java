package parkwait.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirSourceTest {
    @TempDir Path root;

    @Test
    void listsEveryFileUnderTheRequestedPropertiesSortedByKey() throws IOException {
        SampleTree.write(root);
        try (var source = new DirSource(root)) {
            assertEquals(SampleTree.EXPECTED_KEYS, SampleTree.keys(source.list(SampleTree.PROPERTIES)));
        }
    }

    @Test
    void asksForAPropertyTwiceListsItOnce() throws IOException {
        SampleTree.write(root);
        try (var source = new DirSource(root)) {
            assertEquals(source.list(List.of("wdw")), source.list(List.of("wdw", "wdw")));
        }
    }

    @Test
    void sortsByCodePointNotByUtf16Unit() throws IOException {
        // U+1F3A2 (roller coaster) is above U+FF5E, but its first UTF-16 unit (0xD83C) is below.
        String dir = "export/wait_times/wdw/";
        for (String name : List.of("\uFF5E.csv", "\uD83C\uDFA2.csv", "Z.csv", "_.csv", "a.csv")) {
            SampleTree.write(root, dir + name, "x");
        }
        try (var source = new DirSource(root)) {
            assertEquals(List.of(dir + "Z.csv", dir + "_.csv", dir + "a.csv", dir + "\uFF5E.csv", dir + "\uD83C\uDFA2.csv"),
                    SampleTree.keys(source.list(List.of("wdw"))));
        }
    }

    @Test
    void reportsSizeAndModificationTimeAndAStableEtag() throws IOException {
        Path file = SampleTree.write(root, "export/wait_times/wdw/a.csv", "park,ride\n");
        Instant mtime = Instant.parse("2024-05-01T05:00:00.123456Z");
        Files.setLastModifiedTime(file, FileTime.from(mtime));
        try (var source = new DirSource(root)) {
            SourceObject first = source.list(List.of("wdw")).get(0);
            assertEquals(new SourceObject("export/wait_times/wdw/a.csv", first.etag(), 10, mtime), first);
            assertEquals(first, source.list(List.of("wdw")).get(0));
            assertEquals(first, new DirSource(root).list(List.of("wdw")).get(0), "a new instance agrees");
        }
    }

    @Test
    void etagChangesWhenTheFileIsTouchedOrRewrittenWithTheSameSize() throws IOException {
        Path file = SampleTree.write(root, "export/fastpass_times/wdw/current_fastpass.csv", "return,09:00\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-05-01T05:00:00Z")));
        try (var source = new DirSource(root)) {
            String original = source.list(List.of("wdw")).get(0).etag();

            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-05-01T05:00:01Z")));
            String touched = source.list(List.of("wdw")).get(0).etag();
            assertNotEquals(original, touched);

            Files.writeString(file, "return,09:30\n", StandardCharsets.UTF_8); // same size, new mtime
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-05-01T05:00:02Z")));
            String rewritten = source.list(List.of("wdw")).get(0).etag();
            assertNotEquals(touched, rewritten);

            Files.writeString(file, "return,09:30,extra\n", StandardCharsets.UTF_8);
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-05-01T05:00:02Z"))); // same mtime, new size
            assertNotEquals(rewritten, source.list(List.of("wdw")).get(0).etag());
        }
    }

    @Test
    void opensTheBytesOfAListedFile() throws IOException {
        byte[] bytes = "park,ride\r\nwdw,\u00e9\n".getBytes(StandardCharsets.UTF_8);
        Path file = root.resolve("export/wait_times/wdw/a.csv");
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        try (var source = new DirSource(root); InputStream in = source.open(source.list(List.of("wdw")).get(0))) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
    }

    @Test
    void refusesToOpenAKeyThatLeavesTheRoot() throws IOException {
        Path outside = Files.createDirectories(root.resolve("outside"));
        Files.writeString(outside.resolve("secret.csv"), "x");
        Path inner = Files.createDirectories(root.resolve("inner"));
        try (var source = new DirSource(inner)) {
            var escaping = new SourceObject("../outside/secret.csv", "", 1, Instant.EPOCH);
            assertThrows(IOException.class, () -> source.open(escaping));
        }
    }

    @Test
    void followsSymlinksOnlyWhileTheyStayInsideTheRoot() throws IOException {
        Path data = Files.createDirectories(root.resolve("data"));
        Path outside = Files.createDirectories(root.resolve("outside"));
        SampleTree.write(outside, "elsewhere.csv", "x");
        Files.createDirectories(outside.resolve("dir"));
        SampleTree.write(outside, "dir/hidden.csv", "x");
        SampleTree.write(data, "real/inner.csv", "x");
        Path wdw = Files.createDirectories(data.resolve("export/wait_times/wdw"));
        try {
            Files.createSymbolicLink(wdw.resolve("escape.csv"), outside.resolve("elsewhere.csv"));
            Files.createSymbolicLink(wdw.resolve("escape_dir"), outside.resolve("dir"));
            Files.createSymbolicLink(wdw.resolve("inside.csv"), data.resolve("real/inner.csv"));
            Files.createSymbolicLink(wdw.resolve("loop"), wdw);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links cannot be made here: " + e);
        }
        try (var source = new DirSource(data)) {
            List<SourceObject> listed = source.list(List.of("wdw"));
            assertEquals(List.of("export/wait_times/wdw/inside.csv"), SampleTree.keys(listed));
            var escaping = new SourceObject("export/wait_times/wdw/escape.csv", "", 1, Instant.EPOCH);
            assertThrows(IOException.class, () -> source.open(escaping));
        }
    }

    @Test
    void aMissingFolderIsOneClearSentence() {
        Path missing = root.resolve("no-such-mirror");
        var e = assertThrows(SourceException.class, () -> new DirSource(missing));
        assertEquals(SourceException.Kind.NOT_FOUND, e.kind());
        assertEquals("The source folder " + missing + " does not exist: check the --source path.", e.getMessage());
    }

    @Test
    void aFileInsteadOfAFolderIsOneClearSentence() throws IOException {
        Path file = Files.writeString(root.resolve("export.csv"), "x");
        var e = assertThrows(SourceException.class, () -> new DirSource(file));
        assertEquals("The source " + file + " is a file, not a folder: give the folder that contains export/.",
                e.getMessage());
    }

    @Test
    void rejectsAPropertyNameThatCouldLeaveTheFolder() {
        try (var source = new DirSource(root)) {
            var e = assertThrows(SourceException.class, () -> source.list(List.of("../../etc")));
            assertTrue(e.getMessage().startsWith("The property name \"../../etc\" is not valid"), e.getMessage());
        }
    }

    @Test
    void describesItselfByItsPath() throws IOException {
        try (var source = new DirSource(root)) {
            assertEquals(root.toRealPath().toString(), source.describe());
        }
    }
}
