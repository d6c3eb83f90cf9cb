package parkwait.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectHomeTest {
    @TempDir Path project;
    @TempDir Path elsewhere;

    @BeforeEach
    void makeProject() throws Exception {
        Files.writeString(project.resolve("ingest.java"), "");
        Files.createDirectories(project.resolve("lib/parkwait"));
        Files.createDirectories(project.resolve("config"));
    }

    @Test
    void theEnvironmentWinsOverEverythingElse() {
        ProjectHome h = ProjectHome.find(Map.of("PARKWAIT_HOME", elsewhere.toString()), project.toString(),
                project.resolve("config/config.json"), project);
        assertEquals(elsewhere, h.folder());
        assertEquals("from PARKWAIT_HOME", h.how());
    }

    @Test
    void thenTheSystemPropertyThenTheConfigFolderThenTheWorkingFolderAndItsParents() throws Exception {
        assertEquals(project, ProjectHome.find(Map.of(), project.toString(), null, elsewhere).folder());
        assertEquals(project, ProjectHome.find(Map.of(), null, project.resolve("config/config.json"), elsewhere).folder());
        assertEquals(project, ProjectHome.find(Map.of(), null, null, project).folder());
        Path deep = Files.createDirectories(project.resolve("config/a/b"));
        ProjectHome fromChild = ProjectHome.find(Map.of(), null, null, deep);
        assertEquals(project, fromChild.folder());
        assertEquals("a parent of the working folder", fromChild.how());
    }

    @Test
    void aBlankVariableCountsAsUnset() {
        assertEquals(project, ProjectHome.find(Map.of("PARKWAIT_HOME", "  "), " ", null, project).folder());
    }

    @Test
    void aConfigFileOutsideAProjectSaysNothingAboutIt() throws Exception {
        Path config = Files.createDirectories(elsewhere.resolve("config")).resolve("config.json");
        ProjectHome h = ProjectHome.find(Map.of(), null, config, elsewhere);
        assertFalse(h.known());
        assertEquals("not known", h.how());
    }

    @Test
    void aFolderWithoutTheScriptsAndTheirLibraryIsNotAProject() throws Exception {
        Files.writeString(elsewhere.resolve("ingest.java"), "");
        assertFalse(ProjectHome.isProject(elsewhere));
        assertTrue(ProjectHome.isProject(project));
    }

    @Test
    void aVariableNamingNoFolderIsRefusedWithASentence() {
        var e = assertThrows(ProjectHome.InvalidHome.class,
                () -> ProjectHome.find(Map.of("PARKWAIT_HOME", elsewhere.resolve("gone").toString()), null, null, project));
        assertTrue(e.getMessage().startsWith("the environment variable PARKWAIT_HOME names "), e.getMessage());
        var p = assertThrows(ProjectHome.InvalidHome.class, () -> ProjectHome.find(Map.of(), "\0bad", null, project));
        assertTrue(p.getMessage().contains("parkwait.home"), p.getMessage());
    }
}
