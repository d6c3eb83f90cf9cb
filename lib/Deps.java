// The project's third-party dependencies, declared once. Every script reaches this file through
// //SOURCES lib/**.java, so the scripts themselves carry no //DEPS and cannot drift apart.
// Exact versions only. slf4j-api 2.x and its provider are named so that they win over the 1.7
// that some dependencies bring (without a provider SLF4J prints warnings on every run).
// Sources are UTF-8 (some carry non-ASCII text); javac would otherwise read them in the locale's
// encoding, which is ASCII under cron's LANG=C, and the first build after an update would fail there.
//JAVAC_OPTIONS -encoding UTF-8
//DEPS info.picocli:picocli:4.7.7
//DEPS com.fasterxml.jackson.core:jackson-databind:2.21.3
//DEPS com.fasterxml.jackson.datatype:jackson-datatype-jsr310:2.21.3
//DEPS org.xerial:sqlite-jdbc:3.54.1.0
//DEPS software.amazon.awssdk:bom:2.57.8@pom
//DEPS software.amazon.awssdk:s3
//DEPS software.amazon.awssdk:apache5-client
//DEPS org.slf4j:slf4j-api:2.0.17
//DEPS org.slf4j:slf4j-simple:2.0.17
// A progress bar on terminals (issue 5): maintained, and it handles terminal width and ANSI for us.
//DEPS me.tongfei:progressbar:0.10.1
