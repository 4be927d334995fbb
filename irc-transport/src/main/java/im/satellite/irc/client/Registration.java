package im.satellite.irc.client;

import im.satellite.irc.protocol.IrcMessage;
import im.satellite.irc.protocol.Numerics;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Connection registration (RFC 1459 §4.1, Modern IRC "Connection Registration") with IRCv3 capability negotiation
 * (CAP LS 302) and SASL PLAIN or EXTERNAL (IRCv3 sasl-3.1): {@code CAP LS 302}, {@code PASS}, {@code NICK}, {@code USER}; request
 * the wanted capabilities the server offers; authenticate when {@code sasl} was acknowledged and a password is set;
 * {@code CAP END}; done at RPL_WELCOME (001). A pure state machine: lines in, lines out, no I/O.
 */
public final class Registration {
    /** The capabilities the gateway understands, requested when offered. */
    public static final List<String> WANTED = List.of("sasl", "multi-prefix", "server-time", "message-tags",
            "echo-message", "away-notify", "account-notify", "chghost", "batch", "extended-join", "userhost-in-names");

    /** Where registration stands. */
    public enum State { CAP_LS, CAP_REQ, SASL, WAIT_WELCOME, DONE, FAILED }

    /** Why registration failed: a nick in use, a bad server password, or the server refused us. */
    public enum Failure { NICK_IN_USE, BAD_PASSWORD, REFUSED }

    private final IrcIdentity identity;
    private final String serverPassword;
    private final Consumer<IrcMessage> out;
    private final Set<String> offered = new LinkedHashSet<>();
    private final Set<String> enabled = new LinkedHashSet<>();
    private State state = State.CAP_LS;
    private int nickRetries;
    private boolean external;
    private Failure failure;
    private String nick;

    public Registration(IrcIdentity identity, String serverPassword, Consumer<IrcMessage> out) {
        this(identity, serverPassword, out, 0);
    }

    /**
     * @param nickRetries how many times a nick in use (433) is answered with the nick plus {@code _} instead of
     *                    failing: 0 for a first connection (the user gets a clear conflict error), a few after a
     *                    reconnect (the old connection's nick may not have timed out yet)
     */
    public Registration(IrcIdentity identity, String serverPassword, Consumer<IrcMessage> out, int nickRetries) {
        this.nickRetries = nickRetries;
        this.identity = identity;
        this.serverPassword = serverPassword;
        this.out = out;
        this.nick = identity.nick();
    }

    /**
     * Authenticate with SASL EXTERNAL (the TLS client certificate) rather than PLAIN; used when the network has a
     * client certificate configured.
     */
    public Registration external(boolean useExternal) {
        this.external = useExternal;
        return this;
    }

    private boolean wantsSasl() {
        return external || identity.saslPassword() != null;
    }

    /** Sends the opening lines. */
    public void start() {
        out.accept(IrcMessage.of("CAP", "LS", "302"));
        if (serverPassword != null && !serverPassword.isEmpty()) {
            out.accept(IrcMessage.of("PASS", serverPassword));
        }
        out.accept(IrcMessage.of("NICK", nick));
        out.accept(IrcMessage.of("USER", identity.username(), "0", "*", identity.realname()));
    }

    /** Handles one line during registration; returns whether it was registration's business. */
    public boolean handle(IrcMessage m) {
        switch (m.command()) {
            case "CAP" -> onCap(m);
            case "AUTHENTICATE" -> onAuthenticate(m);
            case Numerics.RPL_SASLSUCCESS, Numerics.ERR_SASLFAIL, Numerics.ERR_SASLTOOLONG,
                    Numerics.ERR_SASLABORTED, Numerics.ERR_SASLALREADY -> endCaps();
            case Numerics.RPL_WELCOME -> {
                nick = m.param(0);
                state = State.DONE;
            }
            case Numerics.ERR_NICKNAMEINUSE, Numerics.ERR_NICKCOLLISION -> {
                if (nickRetries > 0 && state != State.DONE && state != State.FAILED) {
                    nickRetries--;
                    nick = nick + "_";
                    out.accept(IrcMessage.of("NICK", nick));
                } else {
                    fail(Failure.NICK_IN_USE);
                }
            }
            case Numerics.ERR_ERRONEUSNICKNAME -> fail(Failure.NICK_IN_USE);
            case Numerics.ERR_PASSWDMISMATCH -> fail(Failure.BAD_PASSWORD);
            case "ERROR" -> fail(Failure.REFUSED);
            default -> {
                return false;
            }
        }
        return true;
    }

    private void onCap(IrcMessage m) {
        String sub = m.param(1);
        switch (sub) {
            case "LS" -> {
                for (String cap : m.last().split(" ")) {
                    if (!cap.isEmpty()) {
                        int eq = cap.indexOf('=');
                        offered.add(eq < 0 ? cap : cap.substring(0, eq));
                    }
                }
                boolean more = m.params().size() > 3 && m.param(2).equals("*");
                if (!more && state == State.CAP_LS) {
                    requestCaps();
                }
            }
            case "ACK" -> {
                for (String cap : m.last().split(" ")) {
                    if (!cap.isEmpty() && !cap.startsWith("-")) {
                        enabled.add(cap);
                    }
                }
                if (state == State.CAP_REQ) {
                    afterAck();
                }
            }
            case "NAK" -> {
                if (state == State.CAP_REQ) {
                    endCaps();
                }
            }
            default -> { }
        }
    }

    private void requestCaps() {
        List<String> req = WANTED.stream().filter(offered::contains)
                .filter(c -> !c.equals("sasl") || wantsSasl()).toList();
        if (req.isEmpty()) {
            endCaps();
            return;
        }
        state = State.CAP_REQ;
        out.accept(IrcMessage.of("CAP", "REQ", String.join(" ", req)));
    }

    private void afterAck() {
        if (enabled.contains("sasl") && wantsSasl()) {
            state = State.SASL;
            out.accept(IrcMessage.of("AUTHENTICATE", external ? "EXTERNAL" : "PLAIN"));
        } else {
            endCaps();
        }
    }

    private void onAuthenticate(IrcMessage m) {
        if (state != State.SASL || !m.param(0).equals("+")) {
            return;
        }
        if (external) {
            // RFC 4422 Appendix A: EXTERNAL with an empty authorization identity; the certificate says who we are.
            out.accept(IrcMessage.of("AUTHENTICATE", "+"));
            return;
        }
        String account = identity.saslAccount() == null ? identity.nick() : identity.saslAccount();
        byte[] raw = (account + "\0" + account + "\0" + identity.saslPassword()).getBytes(StandardCharsets.UTF_8);
        String b64 = Base64.getEncoder().encodeToString(raw);
        // IRCv3 SASL: the payload goes in 400-byte chunks; a final chunk of exactly 400 is followed by "+".
        for (int i = 0; i < b64.length(); i += 400) {
            out.accept(IrcMessage.of("AUTHENTICATE", b64.substring(i, Math.min(b64.length(), i + 400))));
        }
        if (b64.length() % 400 == 0) {
            out.accept(IrcMessage.of("AUTHENTICATE", "+"));
        }
    }

    private void endCaps() {
        if (state == State.CAP_LS || state == State.CAP_REQ || state == State.SASL) {
            state = State.WAIT_WELCOME;
            out.accept(IrcMessage.of("CAP", "END"));
        }
    }

    private void fail(Failure f) {
        if (state != State.DONE) {
            state = State.FAILED;
            failure = f;
        }
    }

    public State state() {
        return state;
    }

    /** Why registration failed, or null. */
    public Failure failure() {
        return failure;
    }

    /** The nick the server gave us at 001. */
    public String nick() {
        return nick;
    }

    /** The capabilities the server acknowledged. */
    public Set<String> enabledCaps() {
        return Set.copyOf(enabled);
    }
}
