package io.kustomertoken.demo;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Embedded Payara's own {@code config/domain.xml} plus a disabled JMS service. The stock domain has
 * no {@code jms-service}; Payara adds one when JMS starts, and with it a broker listener on every
 * interface (7676). Added here, it exists before start, which {@code asadmin set} cannot arrange.
 */
final class EmbeddedDomain {

    private static final String STOCK_DOMAIN = "config/domain.xml";

    private EmbeddedDomain() {
    }

    static File withoutJms() {
        URL stock = EmbeddedDomain.class.getClassLoader().getResource(STOCK_DOMAIN);
        if (stock == null) {
            throw new IllegalStateException(STOCK_DOMAIN + " is not on the classpath: is payara-embedded-all?");
        }
        try (InputStream in = stock.openStream()) {
            Document domain = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
            Element jms = domain.createElement("jms-service");
            jms.setAttribute("type", "DISABLED");
            serverConfig(domain).appendChild(jms);
            File copy = File.createTempFile("kustomer-demo-domain", ".xml");
            copy.deleteOnExit();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(domain), new StreamResult(copy));
            return copy;
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        } catch (ParserConfigurationException | SAXException | TransformerException broken) {
            throw new IllegalStateException("Could not adapt " + stock, broken);
        }
    }

    private static Element serverConfig(Document domain) {
        NodeList configs = domain.getElementsByTagName("config");
        for (int i = 0; i < configs.getLength(); i++) {
            Element config = (Element) configs.item(i);
            if ("server-config".equals(config.getAttribute("name"))) {
                return config;
            }
        }
        throw new IllegalStateException(STOCK_DOMAIN + " has no server-config");
    }
}
