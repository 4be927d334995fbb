package im.satellite.core.testkit.host;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the checked-in server configuration templates from {@code conf/test/} at the project
 * root and fills in their {@code {{NAME}}} placeholders.
 */
final class ConfigTemplates {

  /** Overrides the project root, for runs from outside the source tree. */
  static final String ROOT_PROPERTY = "satellite.root";

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Z0-9_]+)}}");
  private static final Pattern PARENT = Pattern.compile("(?s)<parent>.*?</parent>");
  private static final String ROOT_ARTIFACT = "<artifactId>satellite-parent</artifactId>";

  private ConfigTemplates() {
  }

  /** Reads {@code conf/test/<name>} from the project root. */
  static String load(String name) {
    Path file = projectRoot().resolve("conf").resolve("test").resolve(name);
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + file, e);
    }
  }

  /** Replaces every {@code {{NAME}}}; fails on a placeholder that has no value. */
  static String render(String template, Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException("no value for template placeholder {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * The directory of the root {@code pom.xml} (artifactId {@code satellite-parent}), found by
   * walking up from the working directory, so tests work from any module; or the directory named
   * by the system property {@value #ROOT_PROPERTY}.
   */
  static Path projectRoot() {
    String override = System.getProperty(ROOT_PROPERTY);
    if (override != null) {
      return Path.of(override).toAbsolutePath();
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (isRoot(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no satellite-parent pom.xml in " + start
        + " or its parents; run from the source tree or set -D" + ROOT_PROPERTY + "=DIR");
  }

  private static boolean isRoot(Path pom) {
    if (!Files.isRegularFile(pom)) {
      return false;
    }
    try {
      // Module poms name satellite-parent too, inside <parent>; the root names it as itself.
      String text = PARENT.matcher(Files.readString(pom, StandardCharsets.UTF_8)).replaceAll("");
      return text.contains(ROOT_ARTIFACT);
    } catch (IOException e) {
      return false;
    }
  }
}
