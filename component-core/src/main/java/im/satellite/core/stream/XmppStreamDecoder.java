package im.satellite.core.stream;

import com.fasterxml.aalto.AsyncByteArrayFeeder;
import com.fasterxml.aalto.AsyncXMLInputFactory;
import com.fasterxml.aalto.AsyncXMLStreamReader;
import com.fasterxml.aalto.stax.InputFactoryImpl;
import im.satellite.core.xml.Namespaces;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayDeque;
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
 * stanza namespaces ({@code jabber:component:accept}, {@code jabber:client}, {@code jabber:server}) are mapped to no
 * namespace on a first-level stanza and on the children that inherit it, so Tinder packets serialise back without
 * redundant declarations; a {@code <message xmlns='jabber:client'>} nested in other payload (XEP-0297 forwarding)
 * keeps its namespace.
 *
 * <p>Limits. A first-level element larger than {@code maxStanzaBytes} or nested deeper than {@value #MAX_DEPTH} levels
 * is parsed to its end without being kept and reported as a {@link StreamEvent.RejectedStanza}, so one user's
 * oversized stanza costs that stanza only, not the link. A single token (a start tag, a run of text) larger than
 * {@code maxStanzaBytes}, which cannot belong to an acceptable stanza, fails the stream with
 * {@code policy-violation}; DTDs with {@code restricted-xml} (RFC 6120 §11.1); malformed XML with
 * {@code not-well-formed}. The decoder is stateful: one per channel.
 */
public final class XmppStreamDecoder extends ByteToMessageDecoder {
    /** Deeper nesting than any real stanza needs; dom4j and Tinder recurse on it when serialising. */
    static final int MAX_DEPTH = 64;
    private static final AsyncXMLInputFactory FACTORY = newFactory();
    private static final DocumentFactory DOM = DocumentFactory.getInstance();

    private final AsyncXMLStreamReader<AsyncByteArrayFeeder> reader = FACTORY.createAsyncForByteArray();
    private final int maxStanzaBytes;
    private final byte[] chunk = new byte[8192];
    private long fed;
    /** Byte offset where the last complete event ended: the parser buffers everything after it. */
    private long lastEvent;
    /** Depth below the stream element: 1 = between stanzas. */
    private int depth;
    private long stanzaStart = -1;
    /** The element being built, or null between stanzas and while skipping a rejected one. */
    private Element current;
    /** Whether each open element (innermost last) is in the stanza namespace mapped to none. */
    private final ArrayDeque<Boolean> mapped = new ArrayDeque<>();
    private Element rejectedStub;
    private String rejectedReason;
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
                if (fed - lastEvent > maxStanzaBytes) {
                    throw new StreamException("policy-violation",
                            "a single tag or text run larger than " + maxStanzaBytes + " bytes");
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
            lastEvent = offset(false, fed);
            checkStanzaSize();
        }
    }

    private void startElement(List<Object> out) {
        if (depth == 0) {
            streamOpen(out);
            return;
        }
        depth++;
        if (depth == 2) {
            stanzaStart = offset(true, lastEvent);
            boolean isMapped = isStanzaNamespace(reader.getNamespaceURI());
            mapped.push(isMapped);
            current = newElement(isMapped);
            return;
        }
        if (current == null) {
            return;
        }
        if (depth > MAX_DEPTH + 1) {
            reject("nested deeper than " + MAX_DEPTH + " levels");
            return;
        }
        boolean isMapped = mapped.peek() && isStanzaNamespace(reader.getNamespaceURI());
        mapped.push(isMapped);
        Element e = newElement(isMapped);
        current.add(e);
        current = e;
    }

    private void streamOpen(List<Object> out) {
        Map<String, String> attrs = new LinkedHashMap<>();
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            attrs.put(reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
        if (!"stream".equals(reader.getLocalName()) || !Namespaces.STREAMS.equals(reader.getNamespaceURI())) {
            throw new StreamException("invalid-namespace", "expected <stream:stream>");
        }
        depth = 1;
        out.add(new StreamEvent.StreamOpen(attrs));
    }

    private void endElement(List<Object> out) {
        depth--;
        if (depth == 0) {
            out.add(new StreamEvent.StreamClose());
            return;
        }
        if (current != null) {
            mapped.pop();
            Element done = current;
            current = done.getParent();
            if (depth == 1) {
                long size = offset(false, fed) - stanzaStart;
                if (size > maxStanzaBytes) {
                    current = done;
                    reject("larger than " + maxStanzaBytes + " bytes");
                    out.add(new StreamEvent.RejectedStanza(rejectedStub, rejectedReason));
                    rejectedStub = null;
                } else {
                    out.add(new StreamEvent.StanzaElement(done, (int) size));
                }
            }
        } else if (depth == 1 && rejectedStub != null) {
            out.add(new StreamEvent.RejectedStanza(rejectedStub, rejectedReason));
            rejectedStub = null;
        }
    }

    /** Stops building the current stanza; it is parsed to its end and reported by its start tag alone. */
    private void reject(String reason) {
        Element top = current;
        while (top.getParent() != null) {
            top = top.getParent();
        }
        rejectedStub = DOM.createElement(top.getQName());
        for (org.dom4j.Attribute a : top.attributes()) {
            rejectedStub.addAttribute(a.getQName(), a.getValue());
        }
        rejectedReason = reason;
        current = null;
        mapped.clear();
    }

    private void checkStanzaSize() {
        if (current != null && depth >= 2 && lastEvent - stanzaStart > maxStanzaBytes) {
            reject("larger than " + maxStanzaBytes + " bytes");
        }
    }

    private Element newElement(boolean isMapped) {
        String ns = reader.getNamespaceURI();
        String prefix = reader.getPrefix();
        QName name;
        if (isMapped || ns == null || ns.isEmpty()) {
            name = QName.get(reader.getLocalName());
        } else if (Namespaces.STREAMS.equals(ns)) {
            name = QName.get(reader.getLocalName(), "stream", ns);
        } else {
            name = prefix == null || prefix.isEmpty() ? QName.get(reader.getLocalName(), ns)
                    : QName.get(reader.getLocalName(), prefix, ns);
        }
        Element e = DOM.createElement(name);
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            String ans = reader.getAttributeNamespace(i);
            QName an = ans == null || ans.isEmpty()
                    ? QName.get(reader.getAttributeLocalName(i))
                    : QName.get(reader.getAttributeLocalName(i), reader.getAttributePrefix(i), ans);
            e.addAttribute(an, reader.getAttributeValue(i));
        }
        return e;
    }

    private static boolean isStanzaNamespace(String ns) {
        return Namespaces.COMPONENT_ACCEPT.equals(ns) || Namespaces.CLIENT.equals(ns) || Namespaces.SERVER.equals(ns);
    }

    /** The byte offset where the current event starts or ends, or {@code fallback} if the parser cannot tell. */
    private long offset(boolean start, long fallback) {
        try {
            long o = start ? reader.getLocationInfo().getStartingByteOffset()
                    : reader.getLocationInfo().getEndingByteOffset();
            return o < 0 ? fallback : o;
        } catch (XMLStreamException e) {
            return fallback;
        }
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
