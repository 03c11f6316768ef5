package io.aegis.ai.search;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Search: which embedding model and passage store the embed step and {@code GET /v1/search} use, how asset texts are
 * cut into passages, and the relevance floor.
 *
 * @param embeddingProvider {@code offline}: MiniLM in-process; the seam where a provider model plugs in later
 * @param store             {@code memory}: in-process, vectors persisted to {@code storeFile}, words in a Lucene index
 *                          per tenant under {@code lexicalDir} (single process only)
 * @param storeFile         where the in-process vector store is saved and loaded from
 * @param lexicalDir        where the in-process lexical (BM25) indexes live
 * @param saveDelay         changes within this window are saved together (0 saves after every change)
 * @param chunkWords        the most words one passage holds (MiniLM reads about 180 words of a passage)
 * @param maxTextChars      each source text (document, transcript, OCR...) is indexed up to this length
 * @param minMeaning        an asset is a result when one of its passages is at least this close in meaning (0..1) ...
 * @param minWords          ... or contains at least this share of the query's words (0..1)
 */
@ConfigurationProperties("aegis.search")
public record SearchProperties(
        String embeddingProvider,
        String store,
        Path storeFile,
        Path lexicalDir,
        Duration saveDelay,
        int chunkWords,
        int maxTextChars,
        double minMeaning,
        double minWords) {
}
