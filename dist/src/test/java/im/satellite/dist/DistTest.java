package im.satellite.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.core.config.ComponentConfig;
import im.satellite.core.config.ConfigLoader;
import im.satellite.core.config.SatelliteConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DistTest {
    private static final Path SHIPPED = Path.of("..", "conf", "satellite.yml");

    private static String[] run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void shippedConfigIsValidAndEnablesEveryServiceItKnows() {
        SatelliteConfig c = new ConfigLoader(Services.all(), name -> name.endsWith("_SECRET") ? "secret-from-env" : null).load(SHIPPED);
        Set<String> enabled = c.components().stream().map(ComponentConfig::name).collect(Collectors.toSet());
        Set<String> known = Services.all().stream().map(f -> f.key()).collect(Collectors.toSet());
        assertTrue(known.containsAll(enabled));
        assertEquals("jdbc:sqlite:data/satellite.db", c.database().url(), "the embedded SQLite default");
    }

    @Test
    void checkConfigListsEveryProblemAndExitsTwo() throws Exception {
        Path bad = Files.createTempFile("satellite", ".yml");
        Files.writeString(bad, "server: {domain: example.org, port: 99999}\ncomponents: {proxy: {subdomain: p.example.org}}\n");
        String[] r = run("check-config", bad.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("server.port: must be between 1 and 65535, not 99999"), r[2]);
        assertTrue(r[2].contains("components.proxy.secret: is required"), r[2]);
        Files.delete(bad);
    }

    @Test
    void helpAndVersion() {
        String[] help = run("--help");
        assertEquals("0", help[0]);
        assertTrue(help[1].contains("run") && help[1].contains("check-config") && help[1].contains("probe"), help[1]);
        String[] version = run("--version");
        assertTrue(version[1].startsWith("Satellite "), version[1]);
        assertTrue(!version[1].contains("unknown"), "the build fills in the version: " + version[1]);
    }

    @Test
    void runRefusesAnInvalidConfigWithoutStartingAnything() throws Exception {
        Path bad = Files.createTempFile("satellite", ".yml");
        Files.writeString(bad, "server: {domain: example.org}\ncomponents: {proxy: {subdomain: p.example.org, secret: s, bogus: 1}}\n");
        String[] r = run("run", "--config", bad.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("components.proxy.bogus: unknown key"), r[2]);
        Files.delete(bad);
    }
}
