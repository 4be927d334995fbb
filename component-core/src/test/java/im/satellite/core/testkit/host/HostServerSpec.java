package im.satellite.core.testkit.host;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a {@link HostServer} should serve: the XMPP domain, the external components (XEP-0114)
 * it accepts, and optionally the server's own built-in services, so that benchmarks can compare
 * Satellite with Prosody's and ejabberd's {@code mod_muc} and {@code mod_proxy65} (XEP-0045,
 * XEP-0065).
 *
 * <p>Built with {@link #builder()}; immutable. Names and secrets are restricted to characters that
 * need no quoting in Lua or YAML, because they are pasted into generated configuration files.
 */
public final class HostServerSpec {

  private static final Pattern DOMAIN = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9._~+=-]{1,200}");
  private static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_]+");
  private static final Pattern EJABBERD_OPTIONS = Pattern.compile("\\{[^\\n]*}");

  private final String domain;
  private final List<ExternalComponent> components;
  private final String builtinMuc;
  private final BuiltinProxy65 builtinProxy65;
  private final List<String> prosodyModules;
  private final List<EjabberdModule> ejabberdModules;
  private final boolean debugLogging;
  private final boolean satelliteMulticast;
  private final boolean builtinMucArchiving;
  private final int prosodyReadSize;
  private final Set<String> multicastUnlisted;

  private HostServerSpec(Builder b) {
    this.domain = b.domain;
    this.components = List.copyOf(b.components);
    this.builtinMuc = b.builtinMuc;
    this.builtinProxy65 = b.builtinProxy65;
    this.prosodyModules = List.copyOf(b.prosodyModules);
    this.ejabberdModules = List.copyOf(b.ejabberdModules);
    this.debugLogging = b.debugLogging;
    this.satelliteMulticast = b.satelliteMulticast;
    this.builtinMucArchiving = b.builtinMucArchiving;
    this.prosodyReadSize = b.prosodyReadSize;
    this.multicastUnlisted = Set.copyOf(b.multicastUnlisted);
  }

  /**
   * Components left out of {@code satellite_multicast_components} on Prosody (to test the module's refusal);
   * every other component is listed when {@link #satelliteMulticast()} is on.
   */
  public Set<String> multicastUnlisted() {
    return multicastUnlisted;
  }

  /**
   * Prosody's {@code network_default_read_size}: the most bytes one read takes from a connection accepted on
   * its ports, the component port included (Prosody's default is 4 KiB); 0 leaves Prosody's default.
   */
  public int prosodyReadSize() {
    return prosodyReadSize;
  }

  /** Returns a builder for the domain {@code localhost} with no components. */
  public static Builder builder() {
    return new Builder();
  }

  /** Shorthand for a spec on {@code localhost} accepting the given components. */
  public static HostServerSpec withComponents(ExternalComponent... components) {
    Builder b = builder();
    for (ExternalComponent c : components) {
      b.component(c.subdomain(), c.secret());
    }
    return b.build();
  }

  /** The XMPP domain of the single virtual host, {@code localhost} unless set. */
  public String domain() {
    return domain;
  }

  /** The external components the server accepts on its component port(s), in declaration order. */
  public List<ExternalComponent> components() {
    return components;
  }

  /** Looks up a declared external component by its subdomain. */
  public Optional<ExternalComponent> component(String subdomain) {
    return components.stream().filter(c -> c.subdomain().equals(subdomain)).findFirst();
  }

  /** The subdomain of the server's own MUC service ({@code mod_muc}), if one is wanted. */
  public Optional<String> builtinMuc() {
    return Optional.ofNullable(builtinMuc);
  }

  /** The server's own SOCKS5 bytestreams proxy ({@code mod_proxy65}), if one is wanted. */
  public Optional<BuiltinProxy65> builtinProxy65() {
    return Optional.ofNullable(builtinProxy65);
  }

  /** Extra Prosody modules to add to {@code modules_enabled}, e.g. {@code "carbons"}. */
  public List<String> prosodyModules() {
    return prosodyModules;
  }

  /** Extra ejabberd modules to add to {@code modules}, e.g. {@code mod_carbons}. */
  public List<EjabberdModule> ejabberdModules() {
    return ejabberdModules;
  }

  /** Whether the server logs at debug level (every stanza) instead of info. */
  public boolean debugLogging() {
    return debugLogging;
  }

  /**
   * Whether the server offers XEP-0033 multicast to components: Prosody loads Satellite's
   * {@code conf/prosody/modules/mod_satellite_multicast.lua} on the domain; ejabberd runs its
   * {@code mod_multicast} on {@code multicast.<domain>}, taking up to 1,000 addresses per stanza.
   */
  public boolean satelliteMulticast() {
    return satelliteMulticast;
  }

  /**
   * Whether the built-in MUC archives its rooms' messages (XEP-0313) and stamps them with stanza-ids
   * (XEP-0359), as the servers' shipped configurations suggest: Prosody's {@code muc_mam} with
   * {@code muc_log_by_default}, ejabberd's {@code mod_mam} with {@code default_room_options: mam}.
   */
  public boolean builtinMucArchiving() {
    return builtinMucArchiving;
  }

  /** The multicast service a component should send to, per {@link #satelliteMulticast()}. */
  public String multicastService(String kind) {
    return kind.equals("ejabberd") ? "multicast." + domain : domain;
  }

  @Override
  public String toString() {
    return "HostServerSpec[domain=" + domain + ", components=" + components
        + ", builtinMuc=" + builtinMuc + ", builtinProxy65=" + builtinProxy65 + "]";
  }

  /**
   * An external component the server accepts (XEP-0114): the component's JID, e.g.
   * {@code muc.localhost}, and the shared secret of its handshake.
   *
   * @param subdomain the component's domain, conventionally a subdomain of the host's domain
   * @param secret the handshake secret
   */
  public record ExternalComponent(String subdomain, String secret) {
    /** Validates both values; see {@link HostServerSpec} for the allowed characters. */
    public ExternalComponent {
      checkDomain(subdomain);
      Objects.requireNonNull(secret, "secret");
      if (!SECRET.matcher(secret).matches()) {
        throw new IllegalArgumentException("secret must match " + SECRET + ": " + secret);
      }
    }
  }

  /**
   * The server's built-in XEP-0065 proxy.
   *
   * @param subdomain the proxy's JID, e.g. {@code proxy.localhost}
   * @param port the SOCKS5 port on 127.0.0.1, or 0 to let the harness pick a free one
   */
  public record BuiltinProxy65(String subdomain, int port) {
    /** Validates both values. */
    public BuiltinProxy65 {
      checkDomain(subdomain);
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }
  }

  /**
   * An extra ejabberd module and its options as a one-line YAML flow mapping.
   *
   * @param name the module, e.g. {@code mod_carbons}
   * @param options e.g. {@code {}} or {@code {default: always}}
   */
  public record EjabberdModule(String name, String options) {
    /** Validates both values. */
    public EjabberdModule {
      if (name == null || !MODULE.matcher(name).matches()) {
        throw new IllegalArgumentException("bad ejabberd module name: " + name);
      }
      if (options == null || !EJABBERD_OPTIONS.matcher(options).matches()) {
        throw new IllegalArgumentException("options must be a one-line YAML flow mapping: " + options);
      }
    }
  }

  private static void checkDomain(String domain) {
    Objects.requireNonNull(domain, "domain");
    if (!DOMAIN.matcher(domain).matches()) {
      throw new IllegalArgumentException("not a plain lower-case domain: " + domain);
    }
  }

  /** Builder for {@link HostServerSpec}. */
  public static final class Builder {
    private String domain = "localhost";
    private final List<ExternalComponent> components = new ArrayList<>();
    private String builtinMuc;
    private BuiltinProxy65 builtinProxy65;
    private final List<String> prosodyModules = new ArrayList<>();
    private final List<EjabberdModule> ejabberdModules = new ArrayList<>();
    private boolean debugLogging;
    private boolean satelliteMulticast;
    private boolean builtinMucArchiving;
    private int prosodyReadSize;
    private final Set<String> multicastUnlisted = new LinkedHashSet<>();

    private Builder() {
    }

    /** Sets the XMPP domain (default {@code localhost}, which needs no DNS). */
    public Builder domain(String domain) {
      checkDomain(domain);
      this.domain = domain;
      return this;
    }

    /** Declares an external component, e.g. {@code component("muc.localhost", "secret")}. */
    public Builder component(String subdomain, String secret) {
      components.add(new ExternalComponent(subdomain, secret));
      return this;
    }

    /** Enables the server's own MUC service on the given subdomain. */
    public Builder builtinMuc(String subdomain) {
      checkDomain(subdomain);
      this.builtinMuc = subdomain;
      return this;
    }

    /** Enables the server's own SOCKS5 proxy; {@code port} 0 picks a free port. */
    public Builder builtinProxy65(String subdomain, int port) {
      this.builtinProxy65 = new BuiltinProxy65(subdomain, port);
      return this;
    }

    /** Adds a Prosody module to {@code modules_enabled} (ignored by ejabberd). */
    public Builder prosodyModule(String name) {
      if (name == null || !MODULE.matcher(name).matches()) {
        throw new IllegalArgumentException("bad Prosody module name: " + name);
      }
      prosodyModules.add(name);
      return this;
    }

    /** Adds an ejabberd module with no options (ignored by Prosody). */
    public Builder ejabberdModule(String name) {
      return ejabberdModule(name, "{}");
    }

    /** Adds an ejabberd module with options as a YAML flow mapping (ignored by Prosody). */
    public Builder ejabberdModule(String name, String options) {
      ejabberdModules.add(new EjabberdModule(name, options));
      return this;
    }

    /** Makes the server log at debug level, which includes every stanza. */
    public Builder debugLogging(boolean debug) {
      this.debugLogging = debug;
      return this;
    }

    /** Offers XEP-0033 multicast to components; see {@link HostServerSpec#satelliteMulticast()}. */
    public Builder satelliteMulticast(boolean on) {
      this.satelliteMulticast = on;
      return this;
    }

    /** Leaves a component out of Prosody's multicast list; see {@link HostServerSpec#multicastUnlisted()}. */
    public Builder multicastUnlisted(String subdomain) {
      multicastUnlisted.add(subdomain);
      return this;
    }

    /** Makes the built-in MUC archive; see {@link HostServerSpec#builtinMucArchiving()}. */
    public Builder builtinMucArchiving(boolean on) {
      this.builtinMucArchiving = on;
      return this;
    }

    /** Sets Prosody's {@code network_default_read_size}; 0 leaves Prosody's default (4 KiB). */
    public Builder prosodyReadSize(int bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("read size must not be negative: " + bytes);
      }
      this.prosodyReadSize = bytes;
      return this;
    }

    /** Builds the spec, rejecting duplicate service names. */
    public HostServerSpec build() {
      Set<String> names = new LinkedHashSet<>();
      names.add(domain);
      List<String> services = new ArrayList<>();
      components.forEach(c -> services.add(c.subdomain()));
      if (builtinMuc != null) {
        services.add(builtinMuc);
      }
      if (builtinProxy65 != null) {
        services.add(builtinProxy65.subdomain());
      }
      for (String s : services) {
        if (!names.add(s)) {
          throw new IllegalArgumentException("service name used twice: " + s);
        }
      }
      return new HostServerSpec(this);
    }
  }
}
