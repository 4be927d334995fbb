package im.satellite.core.stream;

import im.satellite.core.Outbound;
import im.satellite.core.xml.Elements;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.Objects;
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

    private static final AttributeKey<boolean[]> FLUSH_QUEUED = AttributeKey.valueOf("satellite.flushQueued");

    private final String domain;
    /** XEP-0033 service for groupchat broadcasts, or null. */
    private final String multicast;
    private final int multicastMax;
    /** Cleared when the multicast service refuses a stanza: from then on, one stanza per recipient. */
    private volatile boolean multicastWorks = true;
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
        channel = ch;
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
        if (multicast != null && multicastWorks && Multicast.applies(copy)) {
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
     * Watches what the server sends for errors from the multicast service (module not loaded, component not allowed,
     * too many addresses...): the messages it refused are lost, so the link says so once and goes back to one
     * stanza per recipient until the next start.
     */
    void inbound(Element stanza) {
        // Only a message error: the service may also be the server's domain, which answers pings and disco.
        if (multicast != null && multicastWorks && "message".equals(stanza.getName())
                && "error".equals(stanza.attributeValue("type"))
                && multicast.equalsIgnoreCase(stanza.attributeValue("from"))) {
            multicastWorks = false;
            Element error = stanza.element("error");
            String condition = error == null || error.elements().isEmpty() ? "?" : error.elements().get(0).getName();
            log.warn("{}: the multicast service {} refused a groupchat message ({}); sending one stanza per recipient"
                    + " from now on. Check its configuration (docs/muc.md).", domain, multicast, condition);
        }
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
