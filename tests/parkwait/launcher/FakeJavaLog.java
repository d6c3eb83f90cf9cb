package parkwait.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the record the stand-in java.exe (fakejava.c) appends for every start. */
final class FakeJavaLog {
    /** One start: "cli" (as the JBang CLI) or "script", its working folder, PARKWAIT_HOME and arguments. */
    record Call(String kind, String cwd, String home, List<String> args) {}

    private FakeJavaLog() {}

    /** Every start logged in {@code log}, oldest first; none if the file does not exist. */
    static List<Call> calls(Path log) throws IOException {
        List<Call> calls = new ArrayList<>();
        if (!Files.exists(log)) return calls;
        String kind = null, cwd = null, home = null;
        List<String> args = new ArrayList<>();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("start ")) {
                kind = line.substring(6);
                args = new ArrayList<>();
            } else if (line.startsWith("cwd ")) {
                cwd = line.substring(4);
            } else if (line.startsWith("home ")) {
                home = line.substring(5);
            } else if (line.startsWith("arg ")) {
                args.add(line.substring(4));
            } else if (line.equals("end")) {
                calls.add(new Call(kind, cwd, home, List.copyOf(args)));
            }
        }
        return calls;
    }

    static List<String> kinds(Path log) throws IOException {
        return calls(log).stream().map(Call::kind).toList();
    }
}
