package im.satellite.core.stream;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import im.satellite.core.xml.Namespaces;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.dom4j.DocumentFactory;
import org.dom4j.Element;
import org.dom4j.QName;

/**
 * Parses an XML stream incrementally, without blocking, into {@link StreamEvent}s (RFC 6120 §4, XEP-0114 §3).
 *
 * <p>Built on Aalto's asynchronous parser: bytes are fed as they arrive and elements are assembled as dom4j trees. The
 * stanza namespaces {@code jabber:component:accept}, {@code jabber:client} and {@code jabber:server} are mapped to
 * no namespace, so Tinder packets built from the elements serialise back without redundant declarations.
 *
 * <p>A first-level element larger than {@code maxStanzaBytes} fails with a {@code policy-violation}
 * {@link StreamException}; DTDs fail with {@code restricted-xml} (RFC 6120 §11.1), malformed XML with
 * {@code not-well-formed}. The decoder is stateful: one per channel.
 */
public final class XmppStreamDecoder extends ByteToMessageDecoder {
    private static final AsyncXMLInputFactory FACTORY = newFactory();
    private static final DocumentFactory DOM = DocumentFactory.getInstance();

    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader = FACTORY.createAsyncForByteArray();
    private final int maxStanzaBytes;
    private byte[] chunk = new byte[8192];
    private long fed;
    /** Byte offset where the current first-level item (element or whitespace) began. */
    private long boundary;
    private int depth;
    private Element current;
    /** Byte offset where the first-level element being built began. */
    private long stanzaStart = -1;
    private boolean failed;

    public XmppStreamDecoder(int maxStanzaBytes) {
        if (maxStanzaBytes < 1024) {
            throw new IllegalArgumentException("maxStanzaBytes must be at least 1024");
        }
        this.maxStanzaBytes = maxStanzaBytes;
    }

    private static AsyncXMLInputFactory newFactory() {
        InputFactoryImpl f = new InputFactoryImpl();
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, false);
        return f;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            while (in.isReadable()) {
                int n = Math.min(in.readableBytes(), chunk.length);
                in.readBytes(chunk, 0, n);
                if (depth == 0 && containsDoctype(chunk, n)) {
                    // RFC 6120 §11.1: a DTD is restricted XML. Checked here because Aalto reports it as a syntax error.
                    throw new StreamException("restricted-xml", "DTDs are not allowed in XMPP streams");
                }
                reader.getInputFeeder().feedInput(chunk, 0, n);
                fed += n;
                drain(out);
                if (fed - boundary > maxStanzaBytes) {
                    throw new StreamException("policy-violation",
                            "stanza larger than " + maxStanzaBytes + " bytes");
                }
            }
        } catch (XMLStreamException e) {
            failed = true;
            throw new StreamException("not-well-formed", String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
        } catch (StreamException e) {
            failed = true;
            throw e;
        }
    }

    private static boolean containsDoctype(byte[] b, int n) {
        for (int i = 0; i + 2 < n; i++) {
            if (b[i] == '<' && b[i + 1] == '!' && (b[i + 2] == 'D' || b[i + 2] == 'E')) {
                return true;
            }
        }
        return false;
    }

    private void drain(List<Object> out) throws XMLStreamException {
        int event;
        while ((event = reader.next()) != AsyncXMLStreamReader.EVENT_INCOMPLETE) {
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> startElement(out);
                case XMLStreamConstants.END_ELEMENT -> endElement(out);
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (current != null) {
                        current.addText(reader.getText());
                    } else {
                        markBoundary();
                    }
                }
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new StreamException("restricted-xml", "DTDs and entity references are not allowed");
                case XMLStreamConstants.END_DOCUMENT -> {
                    return;
                }
                default -> {
                    // START_DOCUMENT (the XML declaration), comments and processing instructions carry nothing.
                }
            }
        }
    }

    private void startElement(List<Object> out) {
        if (depth == 0) {
            Map<String, String> attrs = new LinkedHashMap<>();
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                attrs.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
            }
            if (!"stream".equals(reader.getLocalName()) || !Namespaces.STREAMS.equals(reader.getNamespaceURI())) {
                throw new StreamException("invalid-namespace", "expected <stream:stream>");
            }
            depth = 1;
            markBoundary();
            out.add(new StreamEvent.StreamOpen(attrs));
            return;
        }
        Element e = DOM.createElement(qname(reader.getLocalName(), reader.getNamespaceURI(), reader.getPrefix()));
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String ns = reader.getAttributeNamespace(i);
            String prefix = reader.getAttributePrefix(i);
            QName an = ns == null || ns.isEmpty()
                    ? QName.get(reader.getAttributeLocalName(i))
                    : QName.get(reader.getAttributeLocalName(i), prefix, ns);
            e.addAttribute(an, reader.getAttributeValue(i));
        }
        if (current != null) {
            current.add(e);
        } else {
            stanzaStart = offset(true);
        }
        current = e;
        depth++;
    }

    private void endElement(List<Object> out) {
        depth--;
        if (depth == 0) {
            out.add(new StreamEvent.StreamClose());
            return;
        }
        Element done = current;
        current = done.getParent();
        if (depth == 1) {
            markBoundary();
            if (stanzaStart >= 0 && boundary - stanzaStart > maxStanzaBytes) {
                throw new StreamException("policy-violation", "stanza larger than " + maxStanzaBytes + " bytes");
            }
            out.add(new StreamEvent.StanzaElement(done));
        }
    }

    private void markBoundary() {
        long end = offset(false);
        boundary = end < 0 ? fed : end;
    }

    /** The byte offset where the current event starts or ends, or -1 if the parser cannot tell. */
    private long offset(boolean start) {
        try {
            return start ? reader.getLocationInfo().getStartingByteOffset()
                    : reader.getLocationInfo().getEndingByteOffset();
        } catch (XMLStreamException e) {
            return -1;
        }
    }

    private static QName qname(String local, String ns, String prefix) {
        if (ns == null || ns.isEmpty() || Namespaces.COMPONENT_ACCEPT.equals(ns)
                || Namespaces.CLIENT.equals(ns) || Namespaces.SERVER.equals(ns)) {
            return QName.get(local);
        }
        if (Namespaces.STREAMS.equals(ns)) {
            return QName.get(local, "stream", ns);
        }
        // Prefixed payload namespaces are rare; dom4j re-declares them on output either way.
        return prefix == null || prefix.isEmpty() ? QName.get(local, ns) : QName.get(local, prefix, ns);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) throws Exception {
        try {
            reader.close();
        } catch (XMLStreamException ignored) {
            // Closing an async reader only releases its buffers.
        }
    }
}
