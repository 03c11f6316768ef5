package io.aegis.ai.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LangChain4j's {@link InMemoryEmbeddingStore}, kept on disk so a restart, even after {@code kill -9}, keeps the
 * index: every change is appended to a journal ({@code <store-file>.journal}, one JSON line per change) and forced to
 * disk before the call returns, so an embed step that has returned has its vectors durable. The whole store is
 * rewritten to {@code store-file} (a temporary file moved over the old one, so a crash never leaves half a file) once
 * the journal has grown past {@value #COMPACT_AFTER_BYTES} bytes, {@code saveDelay} after a change, and on close; the
 * journal then starts empty. Opening reads the file, then replays the journal (a torn last line, a change that never
 * returned, is skipped). Replaying a change twice leaves the same store (entries are replaced by id), so a crash
 * between the rewrite and the emptying of the journal loses and doubles nothing.
 * One process only: two processes sharing the files would overwrite each other's entries.
 */
public final class PersistedEmbeddingStore implements BatchEmbeddingStore {

    private static final Logger log = LoggerFactory.getLogger(PersistedEmbeddingStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final long COMPACT_AFTER_BYTES = 4L * 1024 * 1024;

    private final InMemoryEmbeddingStore<TextSegment> entries;
    private final Path file;
    private final Path journalFile;
    private final Duration saveDelay;
    private final ScheduledExecutorService saver;
    private final AtomicBoolean saveScheduled = new AtomicBoolean();
    // Changes and rewrites in one order: the journal holds exactly what the file does not.
    private final Object lock = new Object();
    private FileChannel journal;
    private boolean dirty;

    private PersistedEmbeddingStore(InMemoryEmbeddingStore<TextSegment> entries, Path file, Duration saveDelay,
                                    boolean replayed) {
        this.entries = entries;
        this.file = file.toAbsolutePath();
        this.journalFile = journalOf(this.file);
        this.saveDelay = saveDelay == null ? Duration.ZERO : saveDelay;
        this.dirty = replayed;
        this.saver = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "embedding-store-saver");
            thread.setDaemon(true);
            return thread;
        });
        this.journal = openJournal(journalFile);
    }

    /** Opens the store saved in {@code file} (and its journal), or an empty one when there is none yet. */
    public static PersistedEmbeddingStore open(Path file, Duration saveDelay) {
        Path absolute = file.toAbsolutePath();
        InMemoryEmbeddingStore<TextSegment> entries = load(absolute);
        int replayed = replay(entries, journalOf(absolute));
        if (replayed > 0) {
            log.info("Replayed {} change(s) of the embedding store from {}", replayed, journalOf(absolute));
        }
        return new PersistedEmbeddingStore(entries, absolute, saveDelay, replayed > 0);
    }

    static Path journalOf(Path file) {
        return file.resolveSibling(file.getFileName() + ".journal");
    }

    private static InMemoryEmbeddingStore<TextSegment> load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new InMemoryEmbeddingStore<>();
        }
        try {
            InMemoryEmbeddingStore<TextSegment> loaded =
                    InMemoryEmbeddingStore.fromJson(Files.readString(file, StandardCharsets.UTF_8));
            log.info("Loaded the embedding store from {}", file);
            return loaded;
        } catch (IOException | RuntimeException e) {
            // Kept aside, not deleted: the index can be rebuilt by re-running embed, the file examined.
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + Instant.now().toEpochMilli());
            log.error("Embedding store {} is unreadable; moved to {} and starting empty", file, aside, e);
            move(file, aside);
            return new InMemoryEmbeddingStore<>();
        }
    }

    private static int replay(InMemoryEmbeddingStore<TextSegment> entries, Path journal) {
        if (!Files.isRegularFile(journal)) {
            return 0;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding store's journal " + journal, e);
        }
        int applied = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                apply(entries, JSON.readTree(lines.get(i)));
                applied++;
            } catch (IOException | RuntimeException torn) {
                // Only the last line can be torn (the process died while writing it; that change never returned).
                log.warn("Embedding store journal {}: line {} of {} unreadable, skipped: {}", journal, i + 1, lines.size(),
                        torn.toString());
            }
        }
        return applied;
    }

    // --- changes: applied in memory, then journaled and forced to disk before the call returns ---

    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        ObjectNode change = JSON.createObjectNode().put("op", "add");
        ArrayNode items = change.putArray("entries");
        for (int i = 0; i < ids.size(); i++) {
            ObjectNode item = items.addObject().put("id", ids.get(i));
            ArrayNode vector = item.putArray("vector");
            for (float value : embeddings.get(i).vector()) {
                vector.add(value);
            }
            TextSegment segment = segments == null ? null : segments.get(i);
            if (segment != null) {
                item.put("text", segment.text());
                item.set("metadata", JSON.valueToTree(segment.metadata().toMap()));
            }
        }
        change(change);
    }

    @Override
    public void removeAll(Collection<String> ids) {
        ObjectNode change = JSON.createObjectNode().put("op", "removeIds");
        ids.forEach(change.putArray("ids")::add);
        change(change);
    }

    @Override
    public void removeAll(Filter filter) {
        if (filter instanceof IsEqualTo equal && equal.comparisonValue() instanceof String value) {
            change(JSON.createObjectNode().put("op", "removeWhere").put("key", equal.key()).put("value", value));
            return;
        }
        // A filter the journal cannot write down: applied, then made durable by rewriting the whole store.
        synchronized (lock) {
            entries.removeAll(filter);
            dirty = true;
            compact();
        }
    }

    @Override
    public void removeAll() {
        change(JSON.createObjectNode().put("op", "removeAll"));
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        return entries.search(request);
    }

    private void change(ObjectNode change) {
        long journalSize;
        synchronized (lock) {
            apply(entries, change);
            dirty = true;
            try {
                journal.write(ByteBuffer.wrap((JSON.writeValueAsString(change) + "\n").getBytes(StandardCharsets.UTF_8)));
                journal.force(false);
                journalSize = journal.size();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot journal a change of the embedding store to " + journalFile, e);
            }
        }
        if (saveDelay.isZero()) {
            flush();
        } else if (journalSize > COMPACT_AFTER_BYTES && saveScheduled.compareAndSet(false, true)) {
            saver.schedule(this::scheduledSave, saveDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static void apply(InMemoryEmbeddingStore<TextSegment> entries, JsonNode change) {
        switch (change.path("op").asText()) {
            case "add" -> {
                List<String> ids = new ArrayList<>();
                List<Embedding> embeddings = new ArrayList<>();
                List<TextSegment> segments = new ArrayList<>();
                boolean withText = true;
                for (JsonNode item : change.path("entries")) {
                    ids.add(item.path("id").asText());
                    float[] vector = new float[item.path("vector").size()];
                    for (int i = 0; i < vector.length; i++) {
                        vector[i] = (float) item.path("vector").get(i).asDouble();
                    }
                    embeddings.add(Embedding.from(vector));
                    if (item.has("text")) {
                        segments.add(TextSegment.from(item.path("text").asText(),
                                Metadata.from(JSON.convertValue(item.path("metadata"), Map.class))));
                    } else {
                        withText = false;
                    }
                }
                // Replaced by id: replaying a change that is already in the file does not duplicate it.
                entries.removeAll(ids);
                entries.addAll(ids, embeddings, withText ? segments : null);
            }
            case "removeIds" -> {
                List<String> ids = new ArrayList<>();
                change.path("ids").forEach(id -> ids.add(id.asText()));
                if (!ids.isEmpty()) {
                    entries.removeAll(ids);
                }
            }
            case "removeWhere" -> entries.removeAll(new IsEqualTo(change.path("key").asText(), change.path("value").asText()));
            case "removeAll" -> entries.removeAll();
            default -> throw new IllegalArgumentException("unknown change " + change);
        }
    }

    /** Rewrites the whole store to its file now, if anything changed since the last rewrite, and empties the journal. */
    public void flush() {
        synchronized (lock) {
            compact();
        }
    }

    private void compact() {
        if (!dirty) {
            return;
        }
        write(entries.serializeToJson());
        try {
            // Everything journaled is in the file now.
            journal.truncate(0);
            journal.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot empty the embedding store's journal " + journalFile, e);
        }
        dirty = false;
    }

    @Override
    public void close() {
        saver.shutdownNow();
        synchronized (lock) {
            compact();
            try {
                journal.close();
                if (Files.size(journalFile) == 0) {
                    Files.delete(journalFile);
                }
            } catch (IOException e) {
                log.warn("closing the embedding store's journal {}: {}", journalFile, e.toString());
            }
        }
    }

    private void scheduledSave() {
        saveScheduled.set(false);
        try {
            flush();
        } catch (RuntimeException e) {
            log.error("Rewriting the embedding store to {} failed; its journal keeps every change, retried later", file, e);
        }
    }

    private static FileChannel openJournal(Path journalFile) {
        try {
            Files.createDirectories(journalFile.getParent());
            return FileChannel.open(journalFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the embedding store's journal " + journalFile, e);
        }
    }

    private void write(String json) {
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                    ByteBuffer bytes = ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8));
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                    out.force(true);
                }
                move(temporary, file);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the embedding store to " + file, e);
        }
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + from + " to " + to, e);
        }
    }
}
