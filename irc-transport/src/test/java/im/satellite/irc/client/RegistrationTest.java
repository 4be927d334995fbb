package im.satellite.irc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import im.satellite.irc.protocol.IrcMessage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistrationTest {
    private final List<String> out = new ArrayList<>();

    private Registration reg(IrcIdentity id, String pass) {
        Registration r = new Registration(id, pass, m -> out.add(m.toLine()));
        r.start();
        return r;
    }

    private void in(Registration r, String line) {
        r.handle(IrcMessage.parse(line));
    }

    @Test
    void opensWithCapLs302PassNickUser() {
        reg(new IrcIdentity("romeo", "rm", "Romeo M", null, null, null), "srvpass");
        assertEquals(List.of("CAP LS 302", "PASS srvpass", "NICK romeo", "USER rm 0 * :Romeo M"), out);
    }

    @Test
    void requestsOnlyOfferedWantedCapsAcrossMultilineLs() {
        Registration r = reg(new IrcIdentity("romeo", null, null, null, null, null), null);
        out.clear();
        in(r, ":s CAP * LS * :multi-prefix sasl=PLAIN,EXTERNAL foo");
        assertTrue(out.isEmpty(), "waits for the last LS line");
        in(r, ":s CAP * LS :server-time echo-message bar");
        assertEquals(List.of("CAP REQ :multi-prefix server-time echo-message"), out, "no sasl without a password");
        in(r, ":s CAP * ACK :multi-prefix server-time echo-message");
        assertEquals("CAP END", out.get(1));
        in(r, ":s 001 romeo :Welcome");
        assertEquals(Registration.State.DONE, r.state());
        assertEquals(Set.of("multi-prefix", "server-time", "echo-message"), r.enabledCaps());
    }

    @Test
    void saslPlainWhenAcked() {
        Registration r = reg(new IrcIdentity("romeo", null, null, "s3cret", "acct", null), null);
        out.clear();
        in(r, ":s CAP * LS :sasl message-tags");
        assertEquals(List.of("CAP REQ :sasl message-tags"), out);
        in(r, ":s CAP * ACK :sasl message-tags");
        assertEquals("AUTHENTICATE PLAIN", out.get(1));
        in(r, "AUTHENTICATE +");
        String payload = out.get(2).substring("AUTHENTICATE ".length());
        assertEquals("acct\0acct\0s3cret", new String(Base64.getDecoder().decode(payload), StandardCharsets.UTF_8));
        in(r, ":s 903 romeo :SASL authentication successful");
        assertEquals("CAP END", out.get(3));
    }

    @Test
    void saslExternalWithAClientCertificateNeedsNoPassword() {
        Registration r = new Registration(new IrcIdentity("romeo", null, null, null, null, null), null,
                m -> out.add(m.toLine())).external(true);
        r.start();
        out.clear();
        in(r, ":s CAP * LS :sasl=EXTERNAL");
        assertEquals(List.of("CAP REQ sasl"), out);
        in(r, ":s CAP * ACK :sasl");
        assertEquals("AUTHENTICATE EXTERNAL", out.get(1));
        in(r, "AUTHENTICATE +");
        assertEquals("AUTHENTICATE +", out.get(2), "empty authorization identity");
        in(r, ":s 903 romeo :SASL authentication successful");
        assertEquals("CAP END", out.get(3));
    }

    @Test
    void saslFailureStillEndsCapNegotiation() {
        Registration r = reg(new IrcIdentity("romeo", null, null, "bad", null, null), null);
        in(r, ":s CAP * LS :sasl");
        in(r, ":s CAP * ACK :sasl");
        in(r, "AUTHENTICATE +");
        in(r, ":s 904 romeo :SASL authentication failed");
        assertEquals("CAP END", out.get(out.size() - 1));
        assertEquals(Registration.State.WAIT_WELCOME, r.state());
    }

    @Test
    void nakAndServersWithoutCaps() {
        Registration r = reg(new IrcIdentity("romeo", null, null, null, null, null), null);
        in(r, ":s CAP * LS :batch");
        in(r, ":s CAP * NAK :batch");
        assertEquals("CAP END", out.get(out.size() - 1));
        Registration old = reg(new IrcIdentity("juliet", null, null, null, null, null), null);
        in(old, ":s 001 juliet :Welcome");
        assertEquals(Registration.State.DONE, old.state());
    }

    @Test
    void nickInUseFailsRegistration() {
        Registration r = reg(new IrcIdentity("romeo", null, null, null, null, null), null);
        in(r, ":s 433 * romeo :Nickname is already in use");
        assertEquals(Registration.State.FAILED, r.state());
        assertEquals(Registration.Failure.NICK_IN_USE, r.failure());
    }

    @Test
    void afterAReconnectATakenNickFallsBackToNickUnderscore() {
        Registration r = new Registration(new IrcIdentity("romeo", null, null, null, null, null), null,
                m -> out.add(m.toLine()), 1);
        r.start();
        in(r, ":s 433 * romeo :Nickname is already in use");
        assertEquals("NICK romeo_", out.get(out.size() - 1));
        in(r, ":s 433 * romeo_ :Nickname is already in use");
        assertEquals(Registration.Failure.NICK_IN_USE, r.failure(), "only as many retries as allowed");
    }

    @Test
    void tokenBucketAllowsABurstThenOnePerInterval() {
        TokenBucket b = new TokenBucket(3, 1_000, 0);
        assertTrue(b.tryTake(0) && b.tryTake(0) && b.tryTake(0));
        assertTrue(!b.tryTake(0));
        assertEquals(1_000, b.nanosUntilToken(0));
        assertTrue(!b.tryTake(999));
        assertTrue(b.tryTake(1_000));
        assertTrue(b.tryTake(10_000) && b.tryTake(10_000) && b.tryTake(10_000) && !b.tryTake(10_000),
                "never more than the burst");
    }
}
