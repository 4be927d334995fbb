/** Integration tests of the MUC service through real Prosody and ejabberd servers with Smack 4.4 clients. */
package im.satellite.muc.it;
