package parkwait.gen;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** SHA-256 digests of a folder tree, for comparing generated buckets byte for byte. */
final class TreeDigest {
    private TreeDigest() {}

    /** Every file under {@code root} by its '/'-separated relative path, with its SHA-256, in code-point order. */
    static Map<String, String> files(Path root) throws IOException {
        var digests = new TreeMap<String, String>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            String key = root.relativize(f).toString().replace('\\', '/');
            try (InputStream in = Files.newInputStream(f)) {
                digests.put(key, sha256(in));
            }
        }
        return digests;
    }

    /** One SHA-256 over the whole tree: every relative path and its file's digest. */
    static String tree(Path root) throws IOException {
        var all = new StringBuilder();
        files(root).forEach((k, v) -> all.append(k).append('\0').append(v).append('\n'));
        return sha256(new java.io.ByteArrayInputStream(all.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256.", e);
        }
    }
}
