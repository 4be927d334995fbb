package im.satellite.muc;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Every fixture under {@code scenarios/muc/} as one test, named after the XEP section it shows (STYLE 7.8.2). */
class MucScenarioTest {

    @TestFactory
    Stream<DynamicTest> scenarios() throws Exception {
        URL base = MucScenarioTest.class.getResource("/scenarios/muc");
        Path dir = Path.of(base.toURI());
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".xml") && !p.toString().contains("_setup")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(label(dir, f), f.toUri(), () -> {
            Path tmp = Files.createTempDirectory("muc-scenario");
            try {
                ScenarioRunner.run(f, tmp);
            } finally {
                try (Stream<Path> w = Files.walk(tmp)) {
                    w.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }));
    }

    private static String label(Path dir, Path f) {
        try {
            return ScenarioRunner.name(f) + " [" + dir.relativize(f) + "]";
        } catch (Exception e) {
            return dir.relativize(f).toString();
        }
    }
}
