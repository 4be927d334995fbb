package im.satellite.proxy.socks5;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * The SOCKS5 DST.ADDR of an XEP-0065 bytestream (§6.3.2 rule 1, §5.3.2): SHA-1 of SID + requester JID + target
 * JID, hex-encoded. The proxy computes it from the activation IQ and compares it with what both connections sent.
 *
 * @param hex 40 lower-case hex digits
 */
public record StreamHash(String hex) {
    private static final HexFormat HEX = HexFormat.of();

    public StreamHash {
        Objects.requireNonNull(hex, "hex");
        if (!isValid(hex)) {
            throw new IllegalArgumentException("not a SHA-1 hex digest: " + hex);
        }
        hex = hex.toLowerCase(Locale.ROOT);
    }

    /** The hash of a bytestream; the JIDs as used in the IQ exchange, already stringprepped by the caller. */
    public static StreamHash of(String sid, String requesterJid, String targetJid) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] d = sha1.digest((sid + requesterJid + targetJid).getBytes(StandardCharsets.UTF_8));
            return new StreamHash(HEX.formatHex(d));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-1", e);
        }
    }

    /**
     * A DST.ADDR as received on the wire: 40 hex digits. Upper case is accepted and folded, since the hex encoding
     * is what matters, not the case a client chose.
     */
    public static StreamHash parse(String dstAddr) {
        return new StreamHash(dstAddr);
    }

    /** Whether {@code s} is 40 hex digits (either case). */
    public static boolean isValid(String s) {
        if (s == null || s.length() != 40) {
            return false;
        }
        for (int i = 0; i < 40; i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return false;
            }
        }
        return true;
    }

    /** The first 8 digits, for logs. */
    public String shortForm() {
        return hex.substring(0, 8);
    }

    @Override
    public String toString() {
        return hex;
    }
}
