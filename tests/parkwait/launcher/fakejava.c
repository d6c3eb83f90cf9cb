/*
 * A stand-in java.exe for the Windows launcher tests (WindowsLauncherTest builds it with mingw
 * and runs it under Wine; never commit the .exe).
 *
 * Every start appends a record to the file named by FAKE_JAVA_LOG (UTF-8):
 *   start <cli|script>
 *   cwd <working folder>
 *   home <PARKWAIT_HOME, or "(unset)">
 *   arg <one argument as the program received it>   (one line each)
 *   end
 * As the JBang CLI (an argument "dev.jbang.Main"): prints a java command line pointing at this
 * program, escaped for cmd exactly as JBang 0.132.1 does (CommandBuffer.escapeCmdArgument), and
 * exits 255, as the real CLI does when the launcher is to run that command; FAKE_JBANG_EXIT=N
 * makes it print a line and exit N instead. As a script: exits FAKE_JAVA_EXIT (default 0).
 */
#include <windows.h>
#include <shellapi.h>
#include <stdio.h>
#include <stdlib.h>
#include <wchar.h>

static void append_utf8(FILE *f, const wchar_t *s) {
    int n = WideCharToMultiByte(CP_UTF8, 0, s, -1, NULL, 0, NULL, NULL);
    char *b = malloc(n);
    WideCharToMultiByte(CP_UTF8, 0, s, -1, b, n, NULL, NULL);
    fputs(b, f);
    free(b);
}

static int env_int(const wchar_t *name, int fallback) {
    wchar_t v[32];
    DWORD n = GetEnvironmentVariableW(name, v, 32);
    return n > 0 && n < 32 ? _wtoi(v) : fallback;
}

/* JBang 0.132.1: cmdSafeChars is [a-zA-Z0-9.,_+=:;@()-\\]*, where ")-\\" is a range (0x29-0x5C),
 * so < > ? * / [ count as safe and stay unquoted, and an empty argument stays empty. */
static int cmd_safe(const wchar_t *a) {
    for (; *a; a++) {
        wchar_t c = *a;
        if ((c >= L'a' && c <= L'z') || (c >= L'A' && c <= L'Z') || (c >= L'0' && c <= L'9')) continue;
        if (wcschr(L".,_+=:;@(", c)) continue;
        if (c >= 0x29 && c <= 0x5C) continue;
        return 0;
    }
    return 1;
}

static void print_cmd_escaped(const wchar_t *a, wchar_t *out) {
    if (cmd_safe(a)) { wcscat(out, a); return; }
    wcscat(out, L"^\"");
    for (; *a; a++) {
        wchar_t two[3] = {*a, 0, 0};
        if (wcschr(L"()!^<>&|% ", *a)) { two[0] = L'^'; two[1] = *a; }
        else if (*a == L'"') { wcscat(out, L"\\^"); }
        wcscat(out, two);
    }
    wcscat(out, L"^\"");
}

int wmain(void) {
    int argc;
    wchar_t **argv = CommandLineToArgvW(GetCommandLineW(), &argc);
    int cli = -1;
    for (int i = 1; i < argc; i++) if (wcscmp(argv[i], L"dev.jbang.Main") == 0) { cli = i; break; }

    wchar_t logname[4096], buf[32768];
    DWORD n = GetEnvironmentVariableW(L"FAKE_JAVA_LOG", logname, 4096);
    if (n > 0 && n < 4096) {
        FILE *f = _wfopen(logname, L"ab");
        if (f) {
            fputs(cli >= 0 ? "start cli\ncwd " : "start script\ncwd ", f);
            GetCurrentDirectoryW(32768, buf);
            append_utf8(f, buf);
            fputs("\nhome ", f);
            DWORD h = GetEnvironmentVariableW(L"PARKWAIT_HOME", buf, 32768);
            append_utf8(f, h > 0 && h < 32768 ? buf : L"(unset)");
            fputs("\n", f);
            for (int i = 1; i < argc; i++) { fputs("arg ", f); append_utf8(f, argv[i]); fputs("\n", f); }
            fputs("end\n", f);
            fclose(f);
        }
    }

    if (cli < 0) {
        printf("fake script ran\n");
        fflush(stdout);
        return env_int(L"FAKE_JAVA_EXIT", 0);
    }
    int jbangExit = env_int(L"FAKE_JBANG_EXIT", 255);
    if (jbangExit != 255) {
        printf("fake jbang exits %d\n", jbangExit);
        fflush(stdout);
        return jbangExit;
    }
    static wchar_t line[65536];
    wchar_t self[4096];
    GetModuleFileNameW(NULL, self, 4096);
    line[0] = 0;
    print_cmd_escaped(self, line);
    wcscat(line, L" -classpath fake.jar fakescript");
    for (int i = cli + 1; i < argc; i++) { wcscat(line, L" "); print_cmd_escaped(argv[i], line); }
    int m = WideCharToMultiByte(CP_ACP, 0, line, -1, NULL, 0, NULL, NULL);
    char *b = malloc(m);
    WideCharToMultiByte(CP_ACP, 0, line, -1, b, m, NULL, NULL);
    printf("%s\n", b);
    fflush(stdout);
    return 255;
}
