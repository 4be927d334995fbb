/**
 * XML vocabulary shared by all services: the namespace constants of the RFCs and XEPs Satellite speaks, and small
 * dom4j helpers for building and reading elements.
 */
package im.satellite.core.xml;
