package io.aegis.ai.search;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The embed step: an asset's texts → chunks → MiniLM embeddings → the tenant-tagged vector store. */
@Component
public class EmbedRoutes extends RouteBuilder {

    private final AssetTextCollector assetTextCollector;
    private final EmbeddingIndexer embeddingIndexer;

    public EmbedRoutes(AssetTextCollector assetTextCollector, EmbeddingIndexer embeddingIndexer) {
        this.assetTextCollector = assetTextCollector;
        this.embeddingIndexer = embeddingIndexer;
    }

    @Override
    public void configure() {
        // Errors travel up to the ai.worker consumer, which retries or fails the job.
        errorHandler(noErrorHandler());

        from("direct:step-embed").routeId("ai.embed")
                .process(assetTextCollector)
                // Runs even with no text (the step is then SKIPPED): it still clears entries of an earlier run.
                .process(embeddingIndexer);
    }
}
