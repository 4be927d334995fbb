package im.satellite.core.stream;

import im.satellite.core.Outbound;
import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.dom4j.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xmpp.packet.JID;
import org.xmpp.packet.Packet;

/**
 * {@link Outbound} over the current component connection. Stanzas are encoded on the caller's thread (a service
 * lane), then written on the channel's event loop; flushes are coalesced there, so a burst of stanzas costs one
 * system call. A broadcast is serialised once and written as a small head carrying the {@code to} attribute plus a
 * shared, reference-counted body.
 */
final class ComponentLink implements Outbound {
    private static final Logger log = LoggerFactory.getLogger(ComponentLink.class);
    /** Stanza XML goes only to this logger, at DEBUG: stanzas carry user content (STYLE 7.6). */
    private static final Logger wire = LoggerFactory.getLogger("im.satellite.wire");

    /** How long the multicast service may take to answer the probe before the link says so in the log. */
    static final Duration PROBE_PATIENCE = Duration.ofSeconds(10);

    private static final AttributeKey<boolean[]> FLUSH_QUEUED = AttributeKey.valueOf("satellite.flushQueued");

    private final String domain;
    /** XEP-0033 service for groupchat broadcasts, or null. */
    private final String multicast;
    private final int multicastMax;
    /**
     * Set when the multicast service's disco#info, asked on the current connection, lists XEP-0033: until then (and
     * for good if it does not) broadcasts go one stanza per recipient, so a service that is not there cannot swallow
     * them.
     */
    private volatile boolean multicastOffered;
    /** Set when the multicast service refuses a stanza: from then on, until the next start, one per recipient. */
    private volatile boolean multicastRefused;
    /** The id of the disco#info query not yet answered, or null. */
    private volatile String probeId;
    private final AtomicLong probes = new AtomicLong();
    private final LongAdder dropped = new LongAdder();
    private volatile Channel channel;

    ComponentLink(LinkSettings settings) {
        this.domain = Objects.requireNonNull(settings.domain());
        this.multicast = settings.multicast();
        this.multicastMax = settings.multicastMaxAddresses();
    }

    Channel channel() {
        return channel;
    }

    void attach(Channel ch) {
        ch.attr(FLUSH_QUEUED).set(new boolean[1]);
        multicastOffered = false;
        channel = ch;
        if (multicast != null && !multicastRefused) {
            probe(ch);
        }
    }

    /**
     * XEP-0033 §2: asks the multicast service what it offers (each connection, since the server may have been
     * reconfigured). A server without the module would otherwise drop, or treat as addressed to itself, every
     * groupchat message without a word. Unanswered after {@link #PROBE_PATIENCE}, it is logged.
     */
    private void probe(Channel ch) {
        String id = "satellite-multicast-" + probes.incrementAndGet();
        probeId = id;
        ch.writeAndFlush(Wire.utf8(ch.alloc(), "<iq type=\"get\" id=\"" + id + "\" from=\""
                + Elements.escapeAttribute(domain) + "\" to=\"" + Elements.escapeAttribute(multicast)
                + "\"><query xmlns=\"" + Namespaces.DISCO_INFO + "\"/></iq>"), ch.voidPromise());
        ch.eventLoop().schedule(() -> {
            if (id.equals(probeId) && channel == ch) {
                log.warn("{}: the multicast service {} has not answered disco#info in {} s; groupchat messages go out"
                        + " one stanza per recipient until it does. Check its configuration (docs/muc.md).", domain,
                        multicast, PROBE_PATIENCE.toSeconds());
            }
        }, PROBE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether groupchat broadcasts currently go through the multicast service. */
    boolean multicasting() {
        return multicast != null && multicastOffered && !multicastRefused;
    }

    void detach() {
        channel = null;
    }

    void detach(Channel ch) {
        if (channel == ch) {
            channel = null;
        }
    }

    long dropped() {
        return dropped.sum();
    }

    @Override
    public void send(Packet stanza) {
        Channel ch = channel;
        if (ch == null) {
            drop(stanza);
            return;
        }
        String xml = stanza.toXML();
        if (wire.isDebugEnabled()) {
            wire.debug("{} OUT {}", domain, xml);
        }
        ByteBuf buf = Wire.utf8(ch.alloc(), xml);
        try {
            ch.eventLoop().execute(() -> {
                ch.write(buf, ch.voidPromise());
                requestFlush(ch);
            });
        } catch (RejectedExecutionException e) {
            buf.release();
            drop(stanza);
        }
    }

    @Override
    public void broadcast(Packet template, Collection<JID> recipients) {
        if (recipients.isEmpty()) {
            return;
        }
        Channel ch = channel;
        if (ch == null) {
            drop(template);
            return;
        }
        Element copy = template.getElement().createCopy();
        copy.addAttribute("to", null);
        if (multicasting() && Multicast.applies(copy)) {
            List<String> chunks = Multicast.stanzas(copy, multicast, recipients, multicastMax);
            if (chunks != null) {
                multicast(ch, chunks, recipients.size());
                return;
            }
        }
        String xml = copy.asXML();
        int split = 1 + copy.getQualifiedName().length();
        String head = xml.substring(0, split);
        List<String> tos = new ArrayList<>(recipients.size());
        for (JID to : recipients) {
            tos.add(head + " to=\"" + Elements.escapeAttribute(to.toString()) + "\"");
        }
        ByteBuf body = Wire.utf8(ch.alloc(), xml.substring(split));
        ByteBuf[] heads = new ByteBuf[tos.size()];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = Wire.utf8(ch.alloc(), tos.get(i));
        }
        if (wire.isDebugEnabled()) {
            wire.debug("{} OUT x{} {}", domain, recipients.size(), xml);
        }
        // One task writes every copy, so no other lane's stanza can land between a head and its body.
        try {
            ch.eventLoop().execute(() -> {
                for (ByteBuf h : heads) {
                    ch.write(h, ch.voidPromise());
                    ch.write(body.retainedDuplicate(), ch.voidPromise());
                }
                body.release();
                requestFlush(ch);
            });
        } catch (RejectedExecutionException e) {
            for (ByteBuf h : heads) {
                h.release();
            }
            body.release();
            drop(template);
        }
    }

    /**
     * XEP-0033: one stanza to the multicast service per {@code multicastMax} recipients, each listed as a
     * {@code bcc} address, so that the host server parses the message once and copies it in memory (as its own MUC
     * does) instead of parsing one stanza per recipient. The chunks are written in one event-loop task, like the
     * copies of a plain broadcast.
     */
    private void multicast(Channel ch, List<String> chunks, int recipients) {
        ByteBuf[] bufs = new ByteBuf[chunks.size()];
        for (int i = 0; i < bufs.length; i++) {
            bufs[i] = Wire.utf8(ch.alloc(), chunks.get(i));
        }
        if (wire.isDebugEnabled()) {
            wire.debug("{} OUT multicast x{} via {}: {}", domain, recipients, multicast, chunks.get(0));
        }
        try {
            ch.eventLoop().execute(() -> {
                for (ByteBuf b : bufs) {
                    ch.write(b, ch.voidPromise());
                }
                requestFlush(ch);
            });
        } catch (RejectedExecutionException e) {
            for (ByteBuf b : bufs) {
                b.release();
            }
            dropped.increment();
        }
    }

    /**
     * Watches what the server sends for the answer to the multicast probe, which it consumes (returns true), and for
     * errors from the multicast service (module not loaded, component not listed, too many addresses...): the
     * messages it refused are lost, so the link says so once and goes back to one stanza per recipient until the
     * next start.
     */
    boolean inbound(Element stanza) {
        if (multicast == null) {
            return false;
        }
        String id = probeId;
        if (id != null && "iq".equals(stanza.getName()) && id.equals(stanza.attributeValue("id"))
                && multicast.equalsIgnoreCase(stanza.attributeValue("from"))) {
            probeId = null;
            probed(stanza);
            return true;
        }
        // Only a message error: the service may also be the server's domain, which answers pings and disco.
        if (multicasting() && "message".equals(stanza.getName()) && "error".equals(stanza.attributeValue("type"))
                && multicast.equalsIgnoreCase(stanza.attributeValue("from"))) {
            multicastRefused = true;
            log.warn("{}: the multicast service {} refused a groupchat message ({}); sending one stanza per recipient"
                    + " from now on. Check its configuration (docs/muc.md).", domain, multicast, condition(stanza));
        }
        return false;
    }

    private void probed(Element answer) {
        if (!"result".equals(answer.attributeValue("type"))) {
            log.warn("{}: the multicast service {} answered disco#info with an error ({}); groupchat messages go out"
                    + " one stanza per recipient. Check the multicast setting and the server (docs/muc.md).", domain,
                    multicast, condition(answer));
            return;
        }
        Element query = answer.element("query");
        boolean offered = query != null && Namespaces.DISCO_INFO.equals(query.getNamespaceURI())
                && query.elements("feature").stream()
                        .anyMatch(f -> Namespaces.ADDRESS.equals(f.attributeValue("var")));
        if (offered) {
            multicastOffered = true;
            log.info("{}: groupchat messages go out through the multicast service {} (XEP-0033)", domain, multicast);
        } else {
            log.warn("{}: {} does not offer XEP-0033 multicast (no {} feature in its disco#info); groupchat messages go"
                    + " out one stanza per recipient. Load (or update) the server's multicast module (docs/muc.md).",
                    domain, multicast, Namespaces.ADDRESS);
        }
    }

    private static String condition(Element stanza) {
        Element error = stanza.element("error");
        return error == null || error.elements().isEmpty() ? "?" : error.elements().get(0).getName();
    }

    /** Coalesces flushes; the flag lives on the channel and is touched only on its event loop. */
    private static void requestFlush(Channel ch) {
        boolean[] queued = ch.attr(FLUSH_QUEUED).get();
        if (!queued[0]) {
            queued[0] = true;
            ch.eventLoop().execute(() -> {
                queued[0] = false;
                ch.flush();
            });
        }
    }

    private void drop(Packet stanza) {
        dropped.increment();
        log.debug("{}: link down, dropped a <{}> to {}", domain, stanza.getElement().getName(), stanza.getTo());
    }
}
