package im.satellite.muc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dom4j.DocumentHelper;
import org.dom4j.Element;
import org.junit.jupiter.api.Test;

/** The scenario matcher is strict: extra attributes, children or wrong namespaces fail a scenario. */
class ScenarioMatcherTest {
    private static Element xml(String s) throws Exception {
        return DocumentHelper.parseText(s).getRootElement();
    }

    @Test
    void matchesIgnoringChildOrderAndWildcards() throws Exception {
        assertTrue(ScenarioRunner.Xml.matches(
                xml("<p id='{any}'><x xmlns='u'><status code='110'/><item role='none'/></x></p>"),
                xml("<p id='7'><x xmlns='u'><item role='none'/><status code='110'/></x></p>")));
    }

    @Test
    void refusesExtraAttributeChildOrOtherNamespace() throws Exception {
        Element exp = xml("<p><x xmlns='u'><item role='none'/></x></p>");
        assertFalse(ScenarioRunner.Xml.matches(exp, xml("<p><x xmlns='u'><item role='none' jid='a@b'/></x></p>")));
        assertFalse(ScenarioRunner.Xml.matches(exp, xml("<p><x xmlns='u'><item role='none'/><status/></x></p>")));
        assertFalse(ScenarioRunner.Xml.matches(exp, xml("<p><x xmlns='v'><item role='none'/></x></p>")));
        assertFalse(ScenarioRunner.Xml.matches(xml("<m><body>a</body></m>"), xml("<m><body>b</body></m>")));
    }
}
