///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES ../lib/**.java

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import parkwait.gen.Generator;
import parkwait.gen.Kind;
import parkwait.gen.Property;
import parkwait.gen.Spec;
import parkwait.gen.Summary;
import parkwait.gen.Written;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

@Command(name = "generate", mixinStandardHelpOptions = true, version = "generate 1", usageHelpWidth = 100,
        description = {"Write a deterministic folder of theme-park wait-time exports laid out like the bucket "
                + "(export/wait_times/<prop>/ and export/fastpass_times/<prop>/): standby, new fastpass and "
                + "old fastpass files, plus an optional nasty set of malformed files and keys.",
                "The same options give byte-identical files on every machine. What was written goes to stderr."},
        footer = {"%nExamples:",
                "  ./jbang tools/generate.java --out /tmp/bucket --seed 7 --files 15 --rows 600",
                "  ./jbang tools/generate.java --out /tmp/big --files 1 --rows 10000000 --props wdw --no-nasty",
                "  ./jbang tools/generate.java --out /tmp/nasty --files 0 --rows 0 --long-line 50000000",
                "%nExit codes:", "  0  written", "  1  could not write (disk, permissions)", "  2  usage error"})
class generate implements Callable<Integer> {
    @CommandLine.Spec CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Folder to write into (created if needed). Must be empty unless --force.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--files", defaultValue = "15",
            description = "Regular data files in total, dealt over properties, then kinds (default: ${DEFAULT-VALUE}).")
    int files;

    @Option(names = "--rows", defaultValue = "600",
            description = "Data rows in total over the regular files, split evenly (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(names = "--props", split = ",", paramLabel = "P", defaultValue = "wdw,dlr,uor,ush,tdr",
            description = "Properties, in deal-out order (default: ${DEFAULT-VALUE}).")
    List<String> props;

    @Option(names = "--kinds", split = ",", paramLabel = "K", defaultValue = "standby,fastpass,old-fastpass",
            description = "File kinds (default: ${DEFAULT-VALUE}).")
    List<String> kinds;

    @Option(names = "--nasty", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also write the nasty set of malformed files and keys (default: on).")
    boolean nasty;

    @Option(names = "--crlf", description = "End the regular files' lines in CRLF instead of LF.")
    boolean crlf;

    @Option(names = "--long-line", defaultValue = "0", paramLabel = "BYTES",
            description = "Add a nasty file with one record of about this many bytes (default: none).")
    int longLine;

    @Option(names = "--force", description = "Write into a folder that is not empty (same keys are replaced, others kept).")
    boolean force;

    public static void main(String... args) {
        System.exit(new CommandLine(new generate()).execute(args));
    }

    @Override
    public Integer call() {
        var err = spec.commandLine().getErr();
        Spec wanted;
        try {
            var kindSet = EnumSet.noneOf(Kind.class);
            kinds.forEach(k -> kindSet.add(Kind.fromCliName(k.trim())));
            wanted = new Spec(seed, props.stream().map(Property::fromCode).toList(), kindSet, files, rows,
                    nasty, crlf, longLine);
            if (!force && isNonEmptyFolder(out)) {
                err.println("The folder " + out + " is not empty, so the result would mix with what is there. "
                        + "Remove it, choose another --out, or pass --force to write over it.");
                return 2;
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("Could not look into " + out + ": " + e.getMessage());
            return 1;
        }
        try {
            Summary summary = Generator.writeBucket(out, wanted);
            for (Written w : summary.files()) {
                err.println((w.nasty() ? "nasty   " : "regular ") + w.key() + "  " + w.rows() + " rows, "
                        + w.bytes() + " bytes");
            }
            err.println("Wrote " + summary.describe() + " under " + out + ".");
            return 0;
        } catch (IOException e) {
            err.println("Could not write the bucket under " + out + ": " + e.getMessage()
                    + ". Check the disk space and permissions, then run again.");
            return 1;
        }
    }

    private static boolean isNonEmptyFolder(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }
}
