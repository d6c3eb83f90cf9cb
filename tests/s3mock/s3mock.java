///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS com.adobe.testing:s3mock:5.2.0
//DEPS org.slf4j:slf4j-api:2.0.17

// A real S3 API for the tests: Adobe S3Mock as a child process (DESIGN 6), started by
// tests/parkwait/testing/S3MockServer.java. slf4j-api 2.0.17 is pinned because dependency
// mediation would otherwise pick 1.7, and start-up then fails with "LoggerFactory is not a
// Logback LoggerContext".
//
//   ./jbang tests/s3mock/s3mock.java --com.adobe.testing.s3mock.httpPort=9090 --server.port=9191 \
//       --com.adobe.testing.s3mock.store.initial-buckets=touringplans_stats,locks
//
// --parkwait.watch-pid=N makes it exit when process N ends, so that a test JVM killed with
// kill -9 leaves no server behind.
class s3mock {
    public static void main(String... args) {
        for (String arg : args) {
            if (arg.startsWith("--parkwait.watch-pid=")) {
                long pid = Long.parseLong(arg.substring("--parkwait.watch-pid=".length()));
                ProcessHandle.of(pid).ifPresentOrElse(
                        parent -> parent.onExit().thenRun(() -> System.exit(0)),
                        () -> System.exit(0));
            }
        }
        com.adobe.testing.s3mock.S3MockApplication.main(args);
    }
}
