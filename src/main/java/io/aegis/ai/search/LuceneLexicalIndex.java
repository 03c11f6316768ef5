package io.aegis.ai.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;

/**
 * The lexical half of the in-process passage store: a Lucene index per tenant (its own folder, named by a hash of the
 * tenant, so no tenant name becomes a path and no tenant's word statistics shape another's ranking), BM25 ranking over
 * {@link QueryTerms}'s English analysis, the query's words as SHOULD clauses plus the exact phrase boosted (an invoice
 * number's parts in order). One process only, like the vector side. Thread-safe.
 */
final class LuceneLexicalIndex implements LexicalIndex, AutoCloseable {

    private static final String ID = "id";
    private static final String ASSET_ID = "assetId";
    private static final String JOB_ID = "jobId";
    private static final String SOURCE = "source";
    private static final String TEXT = "text";
    private static final String PAGE = "page";
    private static final String START = "start";
    private static final String END = "end";
    private static final float PHRASE_BOOST = 2f;
    private static final int MAX_QUERY_TERMS = 64;

    private final Path root;
    private final Analyzer analyzer = QueryTerms.analyzer();
    private final Map<String, TenantIndex> tenants = new ConcurrentHashMap<>();

    LuceneLexicalIndex(Path root) {
        this.root = root.toAbsolutePath();
    }

    void replace(String tenant, String assetId, List<Passage> passages) {
        TenantIndex index = index(tenant);
        try {
            index.writer.deleteDocuments(new Term(ASSET_ID, assetId));
            for (Passage passage : passages) {
                index.writer.addDocument(document(passage));
            }
            index.writer.commit();
            index.searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot index the passages of asset " + assetId, e);
        }
    }

    @Override
    public List<PassageHit> search(String tenant, String query, int max) {
        List<String> terms = QueryTerms.of(analyzer, query);
        if (terms.isEmpty() || !Files.isDirectory(folder(tenant))) {
            return List.of();
        }
        TenantIndex index = index(tenant);
        try {
            IndexSearcher searcher = index.searchers.acquire();
            try {
                List<PassageHit> hits = new ArrayList<>();
                for (ScoreDoc doc : searcher.search(query(terms), max).scoreDocs) {
                    hits.add(new PassageHit(passage(tenant, searcher.storedFields().document(doc.doc)), doc.score));
                }
                return hits;
            } finally {
                index.searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search the passages of tenant " + tenant, e);
        }
    }

    private static Query query(List<String> terms) {
        BooleanQuery.Builder words = new BooleanQuery.Builder();
        List<String> limited = terms.subList(0, Math.min(terms.size(), MAX_QUERY_TERMS));
        limited.stream().distinct().forEach(term -> words.add(new TermQuery(new Term(TEXT, term)), BooleanClause.Occur.SHOULD));
        if (limited.size() > 1) {
            PhraseQuery.Builder phrase = new PhraseQuery.Builder();
            for (int i = 0; i < limited.size(); i++) {
                phrase.add(new Term(TEXT, limited.get(i)), i);
            }
            words.add(new BoostQuery(phrase.build(), PHRASE_BOOST), BooleanClause.Occur.SHOULD);
        }
        return words.build();
    }

    private static Document document(Passage passage) {
        Document doc = new Document();
        doc.add(new StringField(ID, passage.id(), Field.Store.YES));
        doc.add(new StringField(ASSET_ID, passage.assetId(), Field.Store.YES));
        doc.add(new StoredField(JOB_ID, passage.jobId() == null ? "" : passage.jobId()));
        doc.add(new StoredField(SOURCE, passage.source().label()));
        doc.add(new TextField(TEXT, passage.text(), Field.Store.YES));
        if (passage.page() != null) {
            doc.add(new StoredField(PAGE, passage.page()));
        }
        if (passage.start() != null) {
            doc.add(new StoredField(START, passage.start()));
            doc.add(new StoredField(END, passage.end() == null ? passage.start() : passage.end()));
        }
        return doc;
    }

    private static Passage passage(String tenant, Document doc) {
        Integer page = doc.getField(PAGE) == null ? null : doc.getField(PAGE).numericValue().intValue();
        Double start = doc.getField(START) == null ? null : doc.getField(START).numericValue().doubleValue();
        Double end = doc.getField(END) == null ? null : doc.getField(END).numericValue().doubleValue();
        String jobId = doc.get(JOB_ID);
        return new Passage(doc.get(ID), tenant, doc.get(ASSET_ID), jobId == null || jobId.isEmpty() ? null : jobId,
                TextSource.of(doc.get(SOURCE)), doc.get(TEXT), page, start, end);
    }

    private TenantIndex index(String tenant) {
        return tenants.computeIfAbsent(tenant, t -> TenantIndex.open(folder(t), analyzer));
    }

    private Path folder(String tenant) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(tenant.getBytes(StandardCharsets.UTF_8));
            return root.resolve(HexFormat.of().formatHex(hash, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (TenantIndex index : tenants.values()) {
            index.close();
        }
        tenants.clear();
    }

    /** One tenant's index: its writer (commits after each asset) and near-real-time searchers over it. */
    private record TenantIndex(IndexWriter writer, SearcherManager searchers) {

        static TenantIndex open(Path folder, Analyzer analyzer) {
            try {
                Files.createDirectories(folder);
                IndexWriter writer = new IndexWriter(FSDirectory.open(folder), new IndexWriterConfig(analyzer)
                        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
                writer.commit(); // an empty index is a valid one to search
                return new TenantIndex(writer, new SearcherManager(writer, null));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the lexical index in " + folder, e);
            }
        }

        void close() {
            try {
                searchers.close();
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
