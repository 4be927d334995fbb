package im.satellite.bench.muc;

import im.satellite.bench.link.EchoWorkload;
import im.satellite.bench.link.Workload;
import java.nio.charset.StandardCharsets;

/**
 * Groupchat messages to one room, sent in turn by its first (up to 64) occupants, each with {@code id='seq'};
 * the room sends every one to all {@code occupants}, the sender included (XEP-0045 §7.4), with the id kept.
 */
final class GroupchatWorkload implements Workload {
    private final byte[][] prefixes;
    private final byte[] suffix = "'><body>The quick brown fox jumps over the lazy dog.</body></message>"
            .getBytes(StandardCharsets.UTF_8);
    private final int occupants;

    /**
     * @param room the room's local part
     * @param first the number of its first occupant ({@link MucDriver#user})
     * @param occupants how many occupants it has
     */
    GroupchatWorkload(String room, long first, int occupants) {
        this.occupants = occupants;
        prefixes = new byte[Math.min(64, occupants)][];
        for (int k = 0; k < prefixes.length; k++) {
            prefixes[k] = ("<message from='" + MucDriver.user(first + k) + "' to='" + MucDriver.room(room)
                    + "' type='groupchat' id='").getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public int maxStanzaBytes() {
        int max = 0;
        for (byte[] p : prefixes) {
            max = Math.max(max, p.length);
        }
        return max + 20 + suffix.length;
    }

    @Override
    public int write(long seq, byte[] buf, int off) {
        byte[] prefix = prefixes[(int) (seq % prefixes.length)];
        System.arraycopy(prefix, 0, buf, off, prefix.length);
        int pos = off + prefix.length;
        pos = EchoWorkload.writeDecimal(seq, buf, pos);
        System.arraycopy(suffix, 0, buf, pos, suffix.length);
        return pos + suffix.length - off;
    }

    @Override
    public int repliesPerStanza() {
        return occupants;
    }
}
