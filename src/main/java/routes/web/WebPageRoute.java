package routes.web;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import teleinfo.web.StaticFile;

/**
 * The chart page: one route per file of an explicit list, each on its own exact path. No request path is resolved
 * against a folder, so nothing else on the classpath or disk can be read through them.
 */
public class WebPageRoute extends RouteBuilder {
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
                        out.setBody(file.content());
                    });
        }
    }
}
