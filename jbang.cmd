@echo off
rem Runs JBang for this project on Windows: an installed jbang.cmd on PATH when there is one,
rem otherwise the JBang CLI fetched once from Maven Central (with Maven) into .jbang-bootstrap\
rem (ignored by git). Sets PARKWAIT_HOME to this folder so the scripts find
rem config\ even when started from System32.
rem Rules kept throughout: every path is quoted (project folders may hold spaces, & ! ^ and
rem parentheses); no percent-expanded variable that changes inside a ( ) block, since cmd
rem expands it when it reads the block; no CALL on the way to java, since CALL doubles the
rem carets in quoted arguments (and Wine's CALL loses exit codes).
setlocal EnableExtensions DisableDelayedExpansion
set "JBANG_VERSION=0.132.1"
set "HERE=%~dp0"
if "%HERE:~-1%"=="\" set "HERE=%HERE:~0,-1%"
rem This file knows where the project is; an inherited PARKWAIT_HOME may name another copy.
set "PARKWAIT_HOME=%HERE%"
rem How it was started, in full, so that the commands the scripts suggest work as pasted.
set "PARKWAIT_LAUNCHER=%~f0"
set "PW_SELF_SDIR=%~dps0"
set "PW_SELF_SDIR=%PW_SELF_SDIR:~0,-1%"

rem JBang 0.132.1 re-quotes the arguments for cmd and gets three cases wrong: an empty argument
rem vanishes; one with < or > and nothing else to quote is left unquoted and redirects; and one
rem ending in a backslash that needs quotes ("C:\my waits\") swallows the next argument.
rem Refuse these rather than run with other arguments than the ones given. SHIFT moves the
rem script's own name too, hence after the lines above; the all-arguments list is not shifted.
set "PW_N=0"
:nextarg
set /a PW_N+=1
set "PW_ARG=%~1"
if defined PW_ARG goto checkarg
if [%1]==[] goto argsdone
echo jbang.cmd: argument %PW_N% is empty (""). JBang drops empty arguments when it hands the command to cmd, so the script would get other arguments than the ones given. Leave it out, or give it a value. 1>&2
exit /b 2
:checkarg
set "PW_T=.%PW_ARG:<=%"
set "PW_T=%PW_T:>=%"
if not "%PW_T%"==".%PW_ARG%" goto angle
if not "%PW_ARG:~-1%"=="\" goto argok
rem Not quoted: a backslash with no quote after it is an ordinary character. Quoted, even a
rem doubled one fails: JBang quotes the argument again with a single backslash before the quote.
if not %1=="%PW_ARG%" goto argok
echo jbang.cmd: argument %PW_N% ("%PW_ARG%") ends with a backslash inside quotes. Windows programs take a backslash before a quote as a quote within the argument, so it would swallow the arguments after it. Leave the trailing backslash out: "C:\my waits" works. 1>&2
exit /b 2
:angle
echo jbang.cmd: argument %PW_N% ("%PW_ARG%") contains ^< or ^>. JBang passes such an argument to cmd unquoted, which would send the output into a file. Leave them out. 1>&2
exit /b 2
:argok
shift
goto nextarg
:argsdone

rem An installed jbang.cmd on PATH wins (the working folder is not searched: that is where this
rem file usually is), unless it is this very file, or this file already handed over once (which
rem stops a loop should PATH name this folder under another spelling).
if defined PARKWAIT_BOOTSTRAP_JBANG goto bootstrap
if defined PARKWAIT_JBANG_HANDOFF goto bootstrap
set "PW_INSTALLED="
rem PATH without quotes and without empty entries (an empty one would stand for the working folder).
set "PW_PATH=;%PATH:"=%;"
:dedupe
set "PW_T=%PW_PATH:;;=;%"
if "%PW_T%"=="%PW_PATH%" goto deduped
set "PW_PATH=%PW_T%"
goto dedupe
:deduped
set "PW_PATH=%PW_PATH:~1,-1%"
if not defined PW_PATH goto bootstrap
rem One line with no inner FOR, no ( ) block and no IF against "": Wine's cmd mangles each here.
for %%D in ("%PW_PATH:;=" "%") do if not defined PW_INSTALLED if exist "%%~D\jbang.cmd" ^
  if /i not "%%~fD"=="%HERE%" if /i not "%%~fD"=="%HERE%\" if /i not "%%~fsD"=="%PW_SELF_SDIR%" ^
  set "PW_INSTALLED=%%~fD\jbang.cmd"
if not defined PW_INSTALLED goto bootstrap
rem Started without CALL, it runs in place of this file, and its exit code becomes this run's
rem (what Task Scheduler shows). It sees PARKWAIT_HOME; this file's SETLOCAL ends when it ends.
set "PARKWAIT_JBANG_HANDOFF=1"
"%PW_INSTALLED%" %*

:bootstrap
if defined JAVA_HOME (set "JAVA_EXEC=%JAVA_HOME%\bin\java.exe") else (set "JAVA_EXEC=java.exe")
if defined JAVA_HOME if not exist "%JAVA_EXEC%" goto nojava
if not defined JAVA_HOME for %%X in (java.exe) do if "%%~$PATH:X"=="" goto nojava
set "DIR=%HERE%\.jbang-bootstrap\%JBANG_VERSION%"
if exist "%DIR%\ready" goto run
set "PW_MVN="
for %%M in (mvn.cmd mvn.bat) do if not defined PW_MVN if not "%%~$PATH:M"=="" set "PW_MVN=%%~$PATH:M"
if not defined PW_MVN (
  echo jbang: JBang is not installed and Maven ^(mvn^) is not on PATH to fetch it. Install one of them. 1>&2
  exit /b 1
)
echo jbang: fetching JBang %JBANG_VERSION% from Maven Central ^(once^)... 1>&2
if not exist "%HERE%\.jbang-bootstrap\" mkdir "%HERE%\.jbang-bootstrap" 2>nul
set "PW_BASE=%HERE%\.jbang-bootstrap\tmp"
call :mkunique
if not defined PW_NEW goto notemp
set "TMPDL=%PW_NEW%"
for %%T in ("%TMPDL%") do set "PW_TMPNAME=%%~nxT"
rem mvn is a .cmd script: it must be CALLed or this script ends with it. CALL would double any
rem caret in a quoted path, so mvn gets paths relative to the pom's folder, which is also what
rem Maven resolves a relative outputDirectory against.
pushd "%HERE%\tools\jbang-bootstrap"
call mvn -q -B -Dstyle.color=never -f pom.xml dependency:copy-dependencies "-DoutputDirectory=..\..\.jbang-bootstrap\%PW_TMPNAME%\lib" 1>&2
set "ERR=%ERRORLEVEL%"
popd
if not "%ERR%"=="0" (
  rmdir /s /q "%TMPDL%" 2>nul
  echo jbang: could not fetch JBang with Maven ^(see the lines above^). 1>&2
  exit /b 1
)
type nul > "%TMPDL%\ready"
rem A rename is atomic: a concurrent start sees either no folder or a complete one.
if not exist "%DIR%" move "%TMPDL%" "%DIR%" >nul 2>nul
if exist "%TMPDL%" rmdir /s /q "%TMPDL%" 2>nul
if not exist "%DIR%\ready" (
  echo jbang: the bootstrap folder "%DIR%" is incomplete; delete it and retry. 1>&2
  exit /b 1
)

:run
rem The CLI writes the java command to run into a file and exits 255; run that command in its
rem place, as JBang's own jbang.cmd does. JBANG_RUNTIME_SHELL=cmd makes it quote for cmd.
rem The file goes into a folder of this start's own (see :mkunique).
set "JBANG_RUNTIME_SHELL=cmd"
if defined TEMP (set "PW_BASE=%TEMP%\parkwait-jbang") else (set "PW_BASE=%HERE%\.jbang-bootstrap\run")
call :mkunique
if not defined PW_NEW goto notemp
set "OUTFILE=%PW_NEW%\command.txt"
rem The redirection comes first: nothing follows the arguments, whose text
rem can hold a percent sign of its own (Wine's cmd scans on into the rest of the line).
> "%OUTFILE%" "%JAVA_EXEC%" %JBANG_JAVA_OPTIONS% -classpath "%DIR%\lib\*" dev.jbang.Main %*
set "ERR=%ERRORLEVEL%"
if not "%ERR%"=="255" (
  type "%OUTFILE%"
  rmdir /s /q "%PW_NEW%" 2>nul
  exit /b %ERR%
)
set "CMDLINE="
for /f "usebackq delims=" %%L in ("%OUTFILE%") do if not defined CMDLINE set "CMDLINE=%%L"
rmdir /s /q "%PW_NEW%" 2>nul
%CMDLINE%
exit /b %ERRORLEVEL%

:nojava
if defined JAVA_HOME (
  echo jbang: JAVA_HOME is "%JAVA_HOME%", but there is no "%JAVA_EXEC%". Point JAVA_HOME at a Java 17 or newer, or remove it to use the java on PATH. 1>&2
) else (
  echo jbang: no Java found. Install Java 17 or newer, or set JAVA_HOME. 1>&2
)
exit /b 1

:notemp
echo jbang: could not create a temporary folder "%PW_BASE%-..." for this start. Check that the folder holding it exists and that this user may write there ^(or set TEMP to a writable folder^). 1>&2
exit /b 1

rem Sets PW_NEW to a new folder named PW_BASE-random-try, or to nothing if none can be made.
rem cmd seeds RANDOM from the clock in seconds, so starts in the same second draw the same
rem names; mkdir fails when the folder exists, and the loser simply tries the next name.
rem (The exit code of mkdir is read with IF ERRORLEVEL: Wine's cmd mishandles && after it.)
:mkunique
set "PW_NEW="
set "PW_TRY=0"
:mkunique_next
set /a PW_TRY+=1
set "PW_CAND=%PW_BASE%-%RANDOM%%RANDOM%-%PW_TRY%"
mkdir "%PW_CAND%" 2>nul
if not errorlevel 1 (
  set "PW_NEW=%PW_CAND%"
  goto :eof
)
rem Any failure is tried again under another name, boundedly: under load a folder being made
rem beside it can make mkdir fail once although the name was free.
if %PW_TRY% lss 100 goto mkunique_next
goto :eof
