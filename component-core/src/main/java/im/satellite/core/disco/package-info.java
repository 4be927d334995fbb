/**
 * Service discovery (XEP-0030) and the routes every service answers at its own domain: ping (XEP-0199), software
 * version (XEP-0092) and entity time (XEP-0202).
 */
package im.satellite.core.disco;
