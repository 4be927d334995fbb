/**
 * The XMPP side of the proxy: the XEP-0065 §6.3.1 streamhost query and §6.3.6 activation, and the XEP-0050 ad-hoc
 * command that shows transfer statistics to admins. Handlers run on the service's host lane.
 */
package im.satellite.proxy.xmpp;
