package routes.collector;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

import teleinfo.collector.CollectorSettings;
import teleinfo.collector.SpoolUploader;

/**
 * Drains the spool, oldest first, in batches POSTed as a JSON array. The spool is listed by a timer rather than
 * consumed with {@code file:}, because a batch is many files and each one may only be deleted once the server has
 * answered 2xx; nothing here deletes a file on an error.
 */
public class UploadRoute extends RouteBuilder {

    @Override
    public void configure() {
        CollectorSettings settings = getContext().getRegistry()
                .lookupByNameAndType("collectorSettings", CollectorSettings.class);
        if (!settings.http()) {
            return; // MQTT only: no server to upload to
        }
        String bearer = "Bearer " + settings.token();

        from("timer:spool-upload?period={{collector.upload.interval}}&delay=1000")
            .routeId("spool-upload")
            .startupOrder(20)
            .bean("spoolUploader", "nextBatch")
            .loopDoWhile(exchangeProperty(SpoolUploader.HAS_BATCH))
                .to("direct:post-readings")
                .bean("spoolUploader", "nextBatch")
            .end();

        from("direct:post-readings")
            .routeId("post-readings")
            .removeHeaders("*")
            .setHeader(Exchange.HTTP_METHOD, constant("POST"))
            .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
            .process(e -> e.getMessage().setHeader("Authorization", bearer))
            .doTry()
                .to("{{collector.server.url}}?throwExceptionOnFailure=false")
                .bean("spoolUploader", "onResponse")
            .doCatch(Exception.class)
                .bean("spoolUploader", "onFailure")
            .end()
            .removeHeader("Authorization")
            .filter(exchangeProperty(SpoolUploader.ONE_BY_ONE))
                .split(method("spoolUploader", "oneByOne"))
                    .bean("spoolUploader", "loadSingle")
                    .to("direct:post-readings");
    }
}
