package im.satellite.core.stream;

import im.satellite.core.xml.Elements;
import im.satellite.core.xml.Namespaces;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/** The fixed pieces of XEP-0114 stream XML Satellite writes, and UTF-8 encoding onto Netty buffers. */
public final class Wire {
    private Wire() {
    }

    /** XEP-0114 §3: the component's stream header; {@code to} is the component's own domain. */
    public static String streamHeader(String componentDomain) {
        return "<?xml version='1.0'?><stream:stream xmlns='" + Namespaces.COMPONENT_ACCEPT
                + "' xmlns:stream='" + Namespaces.STREAMS + "' to='" + Elements.escapeAttribute(componentDomain) + "'>";
    }

    /** XEP-0114 §3: the handshake element carrying the hex SHA-1 digest. */
    public static String handshake(String digest) {
        return "<handshake>" + digest + "</handshake>";
    }

    /** RFC 6120 §4.9: a stream error followed by the closing stream tag. */
    public static String streamError(String condition, String text) {
        StringBuilder sb = new StringBuilder("<stream:error><").append(condition)
                .append(" xmlns='").append(Namespaces.STREAM_ERRORS).append("'/>");
        if (text != null && !text.isEmpty()) {
            sb.append("<text xmlns='").append(Namespaces.STREAM_ERRORS).append("'>")
                    .append(Elements.escapeAttribute(text)).append("</text>");
        }
        return sb.append("</stream:error></stream:stream>").toString();
    }

    public static final String STREAM_CLOSE = "</stream:stream>";

    public static ByteBuf utf8(ByteBufAllocator alloc, CharSequence s) {
        return ByteBufUtil.writeUtf8(alloc, s);
    }

    /** Writes a stream error and closes the channel once it is flushed. */
    public static void closeWithStreamError(Channel ch, String condition, String text) {
        if (ch.isActive()) {
            ch.writeAndFlush(utf8(ch.alloc(), streamError(condition, text))).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }
}
