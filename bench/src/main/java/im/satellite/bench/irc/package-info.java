/**
 * {@code bench irc}: the IRC gateway's message rates both ways and its memory per user, next to plain IRC clients
 * on the same private ngircd.
 */
package im.satellite.bench.irc;
