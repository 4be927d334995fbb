package im.satellite.core.disco;

import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.dom4j.Element;

/**
 * What an entity answers to an XEP-0030 disco#info query: identities, features, and extended-information data
 * forms (XEP-0128).
 */
public record DiscoInfo(List<Identity> identities, Set<String> features, List<Element> forms) {
    public DiscoInfo {
        identities = List.copyOf(identities);
        features = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(features));
        forms = List.copyOf(forms);
    }

    public static DiscoInfo of(Identity identity, String... features) {
        return new DiscoInfo(List.of(identity), new LinkedHashSet<>(List.of(features)), List.of());
    }

    /** This info with more features added. */
    public DiscoInfo withFeatures(String... more) {
        Set<String> f = new LinkedHashSet<>(features);
        f.addAll(List.of(more));
        return new DiscoInfo(identities, f, forms);
    }

    /** This info with an extended-information form added. */
    public DiscoInfo withForm(Element form) {
        List<Element> f = new ArrayList<>(forms);
        f.add(form);
        return new DiscoInfo(identities, features, f);
    }

    /** The {@code <query xmlns='http://jabber.org/protocol/disco#info'/>} element; {@code node} may be null. */
    public Element toQuery(String node) {
        Element q = Elements.create("query", Namespaces.DISCO_INFO);
        if (node != null) {
            q.addAttribute("node", node);
        }
        for (Identity id : identities) {
            Element e = q.addElement("identity").addAttribute("category", id.category()).addAttribute("type", id.type());
            if (id.name() != null) {
                e.addAttribute("name", id.name());
            }
        }
        for (String f : features) {
            q.addElement("feature").addAttribute("var", f);
        }
        for (Element form : forms) {
            q.add(form.createCopy());
        }
        return q;
    }
}
