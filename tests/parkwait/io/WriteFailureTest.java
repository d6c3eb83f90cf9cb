package parkwait.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Telling a full disk and a read-only place from other failures, as the JDK reports them. */
class WriteFailureTest {
    @Test
    void permissionDeniedAsTheJdkReportsItHasAReasonNotAPath() {
        // EACCES (and Windows' access denied) come with the path and no reason text.
        AccessDeniedException denied = new AccessDeniedException("/data/out/fact_tables/clean/.parkwait-write-check.tmp");
        assertEquals(Optional.of(WriteFailure.READ_ONLY), WriteFailure.of(new IOException("wrapped", denied)));
        assertEquals("permission denied", WriteFailure.reason(new IOException("wrapped", denied)));
        assertEquals(Path.of("/data/out/fact_tables/clean"), WriteFailure.folderOf(denied));
    }

    @Test
    void theSystemsReasonIsKeptWhenThereIsOne() {
        FileSystemException full = new FileSystemException("/data/out/x.csv.tmp", null, "No space left on device");
        assertEquals(Optional.of(WriteFailure.DISK_FULL), WriteFailure.of(full));
        assertEquals("No space left on device", WriteFailure.reason(full));
        assertEquals(Optional.empty(), WriteFailure.of(new IOException("Connection reset")));
    }
}
