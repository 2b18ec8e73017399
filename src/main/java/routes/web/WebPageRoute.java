package routes.web;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import teleinfo.web.StaticFile;

/**
 * The chart page: one route per file of an explicit list, each on its own exact path. No request path is resolved
 * against a folder, so nothing else on the classpath or disk can be read through them.
 */
public class WebPageRoute extends RouteBuilder {
    /**
     * The page loads only its own files (scripts, style sheet, the API); no inline script or style, no frame, no plugin;
     * the empty favicon is a data: URL.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Override
    public void configure() {
        for (StaticFile file : StaticFile.page()) {
            String routeId = "web-page" + (file.path().equals("/") ? "-root" : file.path().replaceAll("[/.]", "-"));
            from("jetty:http://{{http.host:0.0.0.0}}:{{http.port}}" + file.path() + "?httpMethodRestrict=GET")
                    .routeId(routeId)
                    .process("readAccess")
                    .process(exchange -> {
                        var out = exchange.getMessage();
                        out.removeHeaders("*");
                        out.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                        out.setHeader(Exchange.CONTENT_TYPE, file.contentType());
                        out.setHeader("Cache-Control", file.cacheControl());
                        out.setHeader("X-Content-Type-Options", "nosniff");
                        if (file.contentType().startsWith("text/html")) {
                            out.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                        }
                        out.setBody(file.content());
                    });
        }
    }
}
