package parkwait.cli;

import java.util.List;
import java.util.regex.Pattern;

/** Removes credentials from text that is logged or recorded (command lines, URLs, error messages). */
public final class Secrets {
    private static final List<Pattern> PATTERNS = List.of(
            // user:pass@ or a lone token@ in URLs: either may be a credential
            Pattern.compile("(?<=://)[^/?#@\\s]+(?=@)"),
            Pattern.compile("(?i)(X-Amz-(Credential|Signature|Security-Token)=)[^&\\s]+"), // presigned URLs
            Pattern.compile("(?i)(aws_secret_access_key|aws_session_token|secret[_-]?key|session[_-]?token|password)([=:\\s\"]+)[^\\s\"&,]+"),
            Pattern.compile("\\b(AKIA|ASIA)[A-Z0-9]{16}\\b"));

    private Secrets() {
    }

    public static String redact(String text) {
        if (text == null) return null;
        String s = PATTERNS.get(0).matcher(text).replaceAll("***");
        s = PATTERNS.get(1).matcher(s).replaceAll("$1***");
        s = PATTERNS.get(2).matcher(s).replaceAll("$1$2***");
        return PATTERNS.get(3).matcher(s).replaceAll("$1****************");
    }

    /** The command line recorded in the lock: script name and redacted options. */
    public static String commandLine(String script, String... args) {
        StringBuilder b = new StringBuilder(script);
        for (String a : args) b.append(' ').append(a.contains(" ") ? '"' + a + '"' : a);
        return redact(b.toString());
    }
}
