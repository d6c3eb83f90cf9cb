///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS com.adobe.testing:s3mock:5.2.0
//DEPS org.slf4j:slf4j-api:2.0.17

// A real S3 API for the tests: Adobe S3Mock as a child process (see DESIGN 6).
// slf4j-api 2.0.17 is pinned because dependency mediation would otherwise pick 1.7, and
// start-up then fails with "LoggerFactory is not a Logback LoggerContext".
// Usage: ./jbang tests/s3mock/s3mock.java --com.adobe.testing.s3mock.httpPort=P --server.port=P2 ...
class s3mock {
    public static void main(String... args) {
        com.adobe.testing.s3mock.S3MockApplication.main(args);
    }
}
