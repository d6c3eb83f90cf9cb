package parkwait.gen;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes each key to a file under a root folder. A file is written to a hidden temp name in its
 * folder ({@code .name.part}, which no reader takes for a {@code .csv} key), forced to disk and
 * renamed into place on close, so a reader (or an interrupted run) never sees half a file under
 * the real name. Existing files with the same name are replaced.
 */
final class FolderSink implements Sink {
    private final Path root;

    FolderSink(Path root) { this.root = root; }

    @Override
    public OutputStream create(String key) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".part");
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        return new FilterOutputStream(Channels.newOutputStream(channel)) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

            @Override
            public void close() throws IOException {
                if (closed) return;
                closed = true;
                try (channel) {
                    channel.force(true);
                }
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        };
    }

    /** The key's file; refuses keys that would leave the root (the generator never makes any). */
    private Path resolve(String key) throws IOException {
        Path target = root.resolve(key).normalize();
        if (!target.startsWith(root.normalize()) || key.startsWith("/") || key.contains("\\")) {
            throw new IOException("Refusing to write key '" + key + "' outside " + root + ".");
        }
        return target;
    }
}
