package parkwait.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local folder laid out like the bucket (e.g. a mirror made with {@code aws s3 sync}).
 *
 * <p>Keys are '/'-separated paths relative to the root. The ETag is a stamp of size and
 * last-modified time, never a hash of the contents, so that an incremental run costs only a
 * listing (DESIGN 7). Symbolic links are followed only while their target stays inside the root.
 */
public final class DirSource implements Source {
    private final Path root;
    // The paths the listing found, by key: they hold the file name's bytes as the OS gave them, which
    // a key turned back into a path cannot do under a non-UTF-8 locale (cron's LANG=C and "café.csv").
    private final Map<String, Path> listed = new ConcurrentHashMap<>();

    /**
     * @throws SourceException if the path does not exist or is not a folder
     */
    public DirSource(Path folder) {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            throw new SourceException(SourceException.Kind.NOT_FOUND, "The source folder " + folder.toAbsolutePath()
                    + " does not exist: check the --source path.", e);
        }
        if (!Files.isDirectory(real)) {
            throw new SourceException(SourceException.Kind.NOT_FOUND, "The source " + folder.toAbsolutePath()
                    + " is a file, not a folder: give the folder that contains export/.");
        }
        this.root = real;
    }

    /** The folder's real path (symbolic links resolved). */
    public Path root() {
        return root;
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public List<SourceObject> list(List<String> properties) throws IOException {
        List<SourceObject> objects = new ArrayList<>();
        for (String prefix : Keys.prefixes(properties)) {
            Path dir = root.resolve(prefix);
            try {
                if (Files.isDirectory(dir)) walk(dir, objects);
            } catch (java.nio.file.AccessDeniedException e) {
                // A folder this user may not read: say so, not "read-only" (it is not a write).
                throw new SourceException(SourceException.Kind.ACCESS_DENIED, "Cannot list the source folder "
                        + (e.getFile() != null ? e.getFile() : dir) + ": permission denied. Check that this user may read it.", e);
            }
        }
        objects.sort(Keys.ORDER);
        return objects;
    }

    private void walk(Path dir, List<SourceObject> into) throws IOException {
        Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                return insideRoot(d) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String key = keyOf(file);
                // Every file is listed, so that one that is not a wait-time file is reported, not dropped silently.
                if (attrs.isRegularFile() && (!Files.isSymbolicLink(file) || insideRoot(file))) {
                    into.add(new SourceObject(key, stamp(attrs), attrs.size(), attrs.lastModifiedTime().toInstant()));
                    listed.put(key, file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                // A link loop or a dangling link is not a source file; anything else is a real failure.
                if (e instanceof FileSystemLoopException || e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    @Override
    public InputStream open(SourceObject object) throws IOException {
        Path file = listed.get(object.key());
        if (file == null) file = pathOf(object.key());
        if (!insideRoot(file)) {
            throw new NoSuchFileException(file.toString(), null, "it lies outside the source folder " + root);
        }
        return Files.newInputStream(file);
    }

    @Override
    public void close() {
        // Nothing is held open between calls.
    }

    /** Size and modification time in nanoseconds, in hex: changes whenever a sync rewrites the file. */
    static String stamp(BasicFileAttributes attrs) {
        var mtime = attrs.lastModifiedTime().toInstant();
        long nanos = Math.addExact(Math.multiplyExact(mtime.getEpochSecond(), 1_000_000_000L), mtime.getNano());
        return Long.toHexString(attrs.size()) + "-" + Long.toHexString(nanos);
    }

    /**
     * The key of a listed file: its path below the root, '/'-separated, its bytes read as UTF-8
     * whatever the locale. The file URI carries the name's bytes percent-encoded, so this does not
     * depend on the JVM's file-name encoding, which is ASCII under LANG=C.
     */
    private String keyOf(Path file) {
        String rootUri = root.toUri().getRawPath();
        if (!rootUri.endsWith("/")) rootUri += "/";
        String fileUri = file.toUri().getRawPath();
        if (!fileUri.startsWith(rootUri)) throw new IllegalStateException(file + " is not below " + root);
        return percentDecodeUtf8(fileUri.substring(rootUri.length()));
    }

    static String percentDecodeUtf8(String raw) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                bytes.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                bytes.write(c); // a raw URI path is ASCII
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private Path pathOf(String key) throws NoSuchFileException {
        Path file = root;
        for (String part : key.split("/", -1)) {
            // A key comes from our own listing, but the database may hold one from elsewhere;
            // open() also checks that the result stays inside the root.
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new NoSuchFileException(key, null, "not a valid key in the source folder " + root);
            }
            file = file.resolve(part);
        }
        return file;
    }

    private boolean insideRoot(Path path) throws IOException {
        try {
            return path.toRealPath().startsWith(root);
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}
