@echo off
rem Runs JBang for this project on Windows: an installed jbang when there is one, otherwise the
rem JBang CLI fetched once from Maven Central (with Maven) into .jbang-bootstrap\ (ignored by git).
rem Also sets PARKWAIT_HOME so the scripts find config\ even when started from System32.
setlocal EnableExtensions DisableDelayedExpansion
set "JBANG_VERSION=0.132.1"
set "HERE=%~dp0"
if "%HERE:~-1%"=="\" set "HERE=%HERE:~0,-1%"
if not defined PARKWAIT_HOME set "PARKWAIT_HOME=%HERE%"

if defined PARKWAIT_BOOTSTRAP_JBANG goto bootstrap
for /f "delims=" %%J in ('where jbang.cmd 2^>nul') do (
  if /i not "%%~fJ"=="%HERE%\jbang.cmd" (
    call "%%~fJ" %*
    exit /b %ERRORLEVEL%
  )
)

:bootstrap
if defined JAVA_HOME (set "JAVA_EXEC=%JAVA_HOME%\bin\java.exe") else (set "JAVA_EXEC=java.exe")
set "DIR=%HERE%\.jbang-bootstrap\%JBANG_VERSION%"
if exist "%DIR%\ready" goto run
where mvn >nul 2>nul || (
  echo jbang: JBang is not installed and Maven ^(mvn^) is not on PATH to fetch it. Install one of them. 1>&2
  exit /b 1
)
echo jbang: fetching JBang %JBANG_VERSION% from Maven Central ^(once^)... 1>&2
set "TMPDL=%HERE%\.jbang-bootstrap\tmp.%RANDOM%%RANDOM%"
mkdir "%TMPDL%" 2>nul
rem mvn is a .cmd script: it must be CALLed or this script ends with it.
call mvn -q -B -Dstyle.color=never -f "%HERE%\tools\jbang-bootstrap\pom.xml" dependency:copy-dependencies "-DoutputDirectory=%TMPDL%\lib" 1>&2
if errorlevel 1 (
  rmdir /s /q "%TMPDL%" 2>nul
  echo jbang: could not fetch JBang with Maven ^(see the lines above^). 1>&2
  exit /b 1
)
type nul > "%TMPDL%\ready"
rem A rename is atomic: a concurrent start sees either no folder or a complete one.
if not exist "%DIR%" move "%TMPDL%" "%DIR%" >nul 2>nul
if exist "%TMPDL%" rmdir /s /q "%TMPDL%" 2>nul
if not exist "%DIR%\ready" (
  echo jbang: the bootstrap folder %DIR% is incomplete; delete it and retry. 1>&2
  exit /b 1
)

:run
rem The CLI writes the java command to run into a file and exits 255; run that command in its
rem place, as JBang's own jbang.cmd does. JBANG_RUNTIME_SHELL=cmd makes it quote for cmd.
set "JBANG_RUNTIME_SHELL=cmd"
set "OUTFILE=%TEMP%\parkwait-jbang-%RANDOM%%RANDOM%.tmp"
"%JAVA_EXEC%" %JBANG_JAVA_OPTIONS% -classpath "%DIR%\lib\*" dev.jbang.Main %* > "%OUTFILE%"
set "ERR=%ERRORLEVEL%"
if not "%ERR%"=="255" (
  type "%OUTFILE%"
  del /f /q "%OUTFILE%" 2>nul
  exit /b %ERR%
)
set "CMDLINE="
for /f "usebackq delims=" %%L in ("%OUTFILE%") do if not defined CMDLINE set "CMDLINE=%%L"
del /f /q "%OUTFILE%" 2>nul
%CMDLINE%
exit /b %ERRORLEVEL%
