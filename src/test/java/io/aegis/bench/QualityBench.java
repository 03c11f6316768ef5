package io.aegis.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import opennlp.tools.stemmer.PorterStemmer;

/**
 * The quality harness (bench/README.md, "Quality"), driven by {@code bench/quality.sh}: starts the packaged jar with
 * the real defaults and a fresh data folder, uploads every file of the labelled set ({@code bench/quality/labels.json},
 * files made by {@code bench/quality/make-set.sh}), waits for each job and prints OCR word accuracy, tag precision,
 * search MRR and no-answer accuracy against the labels, then one line per file and per query. Only the public API
 * is read, so the same harness measures any version of the app.
 *
 * <p>Usage: {@code QualityBench <labels.json> <setDir>}. Run from the project root.
 */
public final class QualityBench {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);
    private static final int SEARCH_LIMIT = 10;

    private final JsonNode labels;
    private final Path set;
    private final PorterStemmer stemmer = new PorterStemmer();
    private final List<String> details = new ArrayList<>();

    private QualityBench(JsonNode labels, Path set) {
        this.labels = labels;
        this.set = set;
    }

    public static void main(String[] args) throws Exception {
        QualityBench bench = new QualityBench(BenchApp.JSON.readTree(Path.of(args[0]).toFile()), Path.of(args[1]));
        Path data = Path.of("target", "bench-data", "quality", "app-" + Instant.now().toEpochMilli()).toAbsolutePath();
        Map<String, String> props = BenchApp.ownServers(data);
        props.put("aegis.upload.max-bytes", "200MB");
        props.putAll(PipelineBench.ONE_TENANT_ONE_CLIENT);
        String extra = System.getProperty("appProperties", "");
        for (String pair : extra.split(",")) {
            if (pair.contains("=")) {
                props.put(pair.substring(0, pair.indexOf('=')).strip(), pair.substring(pair.indexOf('=') + 1).strip());
            }
        }
        try (BenchApp app = BenchApp.start("quality", BenchApp.MAKE_RUN_JVM, props)) {
            System.out.println(bench.run(app));
        }
    }

    private String run(BenchApp app) throws Exception {
        Map<String, String> jobs = new LinkedHashMap<>();
        for (JsonNode item : labels.path("items")) {
            String file = item.path("file").asText();
            jobs.put(file, app.upload(file, Files.readAllBytes(set.resolve(file))));
        }
        Map<String, JsonNode> assets = new LinkedHashMap<>();
        for (Map.Entry<String, String> job : jobs.entrySet()) {
            JsonNode done = await(app, job.getValue());
            if (!"SUCCEEDED".equals(done.path("status").asText())) {
                details.add("- " + job.getKey() + ": job " + done.path("status").asText() + " " + done.path("error"));
            }
            assets.put(job.getKey(), app.getJson("/v1/assets/" + done.path("assetId").asText()));
        }
        Map<String, String> fileOfAsset = new HashMap<>();
        assets.forEach((file, asset) -> fileOfAsset.put(asset.path("assetId").asText(), file));

        Counts ocr = new Counts();
        Counts tags = new Counts();
        int summariesRight = 0;
        int summariesClean = 0;
        int summariesChecked = 0;
        List<String> fileRows = new ArrayList<>();
        for (JsonNode item : labels.path("items")) {
            String file = item.path("file").asText();
            JsonNode asset = assets.get(file);
            JsonNode insights = asset.path("insights");
            String ocrCell = "";
            List<String[]> ocrPairs = ocrPairs(app, item, asset);
            if (!ocrPairs.isEmpty()) {
                Counts one = new Counts();
                ocrPairs.forEach(pair -> one.addWords(words(pair[0]), words(pair[1])));
                ocr.add(one);
                ocrCell = "%.2f (%d of %d words read, %d extra)".formatted(one.wordAccuracy(), one.matched, one.reference, one.extra);
            }
            List<String> assigned = new ArrayList<>();
            insights.path("tags").forEach(tag -> assigned.add(tag.asText()));
            Set<String> accepted = new java.util.HashSet<>();
            item.path("keywords").forEach(k -> accepted.add(stem(k.asText())));
            List<String> wrong = assigned.stream().filter(tag -> !accepted.contains(stem(tag))).toList();
            tags.tagsRight += assigned.size() - wrong.size();
            tags.tags += assigned.size();

            String summary = insights.path("summary").path("text").asText("");
            boolean wanted = "some".equals(item.path("summary").asText());
            boolean right = wanted != summary.isBlank();
            summariesRight += right ? 1 : 0;
            summariesChecked++;
            List<String> leaks = new ArrayList<>();
            item.path("summaryMustNotContain").forEach(s -> {
                if (summary.contains(s.asText())) {
                    leaks.add(s.asText());
                }
            });
            summariesClean += leaks.isEmpty() ? 1 : 0;
            String why = insights.path("unavailable").path("summary").asText("");
            fileRows.add("| %s | %s | %d / %d%s | %s%s |".formatted(file, ocrCell, assigned.size() - wrong.size(), assigned.size(),
                    wrong.isEmpty() ? "" : " (not accepted: " + String.join(", ", wrong) + ")",
                    summary.isBlank() ? "none" + (why.isEmpty() ? "" : ": " + why) : cut(summary, 160),
                    (right ? "" : " **(expected " + (wanted ? "a summary" : "none") + ")**")
                            + (leaks.isEmpty() ? "" : " **(markup: " + String.join(" ", leaks) + ")**")));
        }

        double reciprocalRanks = 0;
        int answerable = 0;
        int unanswerable = 0;
        int emptyForUnanswerable = 0;
        List<String> queryRows = new ArrayList<>();
        List<Ranked> ranked = new ArrayList<>();
        for (JsonNode query : labels.path("queries")) {
            String q = query.path("q").asText();
            JsonNode items = app.getJson("/v1/search?limit=" + SEARCH_LIMIT + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8))
                    .path("items");
            List<String> found = new ArrayList<>();
            items.forEach(hit -> found.add(fileOfAsset.getOrDefault(hit.path("assetId").asText(), "?")));
            Set<String> expect = new java.util.HashSet<>();
            query.path("expect").forEach(e -> expect.add(e.asText()));
            List<double[]> evidence = new ArrayList<>();
            items.forEach(hit -> evidence.add(new double[] {hit.path("meaning").asDouble(-1), hit.path("words").asDouble(-1)}));
            ranked.add(new Ranked(expect, found, evidence));
            String top = items.isEmpty() ? "(nothing)" : "%s %.2f %s".formatted(found.get(0), items.get(0).path("score").asDouble(),
                    where(items.get(0)));
            if (expect.isEmpty()) {
                unanswerable++;
                emptyForUnanswerable += items.isEmpty() ? 1 : 0;
                queryRows.add("| %s | (none) | %s | %d results |".formatted(q, top, items.size()));
            } else {
                answerable++;
                int rank = 0;
                for (int i = 0; i < found.size(); i++) {
                    if (expect.contains(found.get(i))) {
                        rank = i + 1;
                        break;
                    }
                }
                reciprocalRanks += rank == 0 ? 0 : 1.0 / rank;
                queryRows.add("| %s | %s | %s | rank %s of %d |".formatted(q, String.join(", ", expect), top,
                        rank == 0 ? "–" : rank, items.size()));
            }
        }

        StringBuilder out = new StringBuilder();
        out.append("| measure | value | what it counts |\n|---|---:|---|\n");
        out.append("| OCR word accuracy | %.3f | 1 − (words missed + words extra) / reference words, over %d pictures and scanned pages (%d reference words: %d read, %d missed, %d extra) |\n"
                .formatted(ocr.wordAccuracy(), ocr.pairs, ocr.reference, ocr.matched, ocr.reference - ocr.matched, ocr.extra));
        out.append("| tag precision | %.3f | tags a person accepts / tags given (%d of %d, over %d files) |\n"
                .formatted(tags.tags == 0 ? 0 : (double) tags.tagsRight / tags.tags, tags.tagsRight, tags.tags, assets.size()));
        out.append("| search MRR | %.3f | mean of 1/rank of the first right answer (0 when not in the top %d), %d queries |\n"
                .formatted(answerable == 0 ? 0 : reciprocalRanks / answerable, SEARCH_LIMIT, answerable));
        out.append("| no-answer accuracy | %.3f | queries nothing in the set answers that return no results (%d of %d) |\n"
                .formatted(unanswerable == 0 ? 0 : (double) emptyForUnanswerable / unanswerable, emptyForUnanswerable, unanswerable));
        out.append("| summaries as expected | %d / %d | a summary where the text has one to give, none where it is too short or absent |\n"
                .formatted(summariesRight, summariesChecked));
        out.append("| summaries without markup | %d / %d | no code fences, link or table syntax, dot leaders (files with such checks: all) |\n"
                .formatted(summariesClean, summariesChecked));
        out.append("\n| file | OCR word accuracy | tags accepted | summary |\n|---|---|---|---|\n");
        fileRows.forEach(row -> out.append(row).append('\n'));
        out.append("\n| query | right answer | first result (score, where) | |\n|---|---|---|---|\n");
        queryRows.forEach(row -> out.append(row).append('\n'));
        details.forEach(line -> out.append(line).append('\n'));
        if (Boolean.getBoolean("calibrate")) {
            out.append(calibration(ranked));
        }
        return out.toString();
    }

    /** One query's results: the right answers, the files found in rank order, and each one's (meaning, words) evidence. */
    private record Ranked(Set<String> expect, List<String> found, List<double[]> evidence) {
    }

    /**
     * The relevance floor replayed on the results as returned: for each pair of thresholds (meaning, words), the MRR and
     * no-answer accuracy the search would have had. Only on a run with the floor off ({@code CALIBRATE=1}): with the floor
     * on, results below it are not there to replay. The app must report the evidence (meaning, words).
     */
    private static String calibration(List<Ranked> ranked) {
        if (ranked.stream().flatMap(r -> r.evidence().stream()).anyMatch(e -> e[0] < 0)) {
            return ""; // an app that reports no evidence (before this work)
        }
        List<double[]> rows = new ArrayList<>();
        for (int m = 0; m <= 20; m++) {
            for (double words : new double[] {0.34, 0.5, 0.6, 0.67, 0.75, 0.8, 1.0, 1.01}) {
                double meaning = 0.5 + m * 0.02;
                double reciprocal = 0;
                int answerable = 0;
                int empty = 0;
                int unanswerable = 0;
                for (Ranked r : ranked) {
                    List<String> kept = new ArrayList<>();
                    for (int i = 0; i < r.found().size(); i++) {
                        double[] e = r.evidence().get(i);
                        if (e[0] >= meaning || e[1] >= words) {
                            kept.add(r.found().get(i));
                        }
                    }
                    if (r.expect().isEmpty()) {
                        unanswerable++;
                        empty += kept.isEmpty() ? 1 : 0;
                    } else {
                        answerable++;
                        for (int i = 0; i < kept.size(); i++) {
                            if (r.expect().contains(kept.get(i))) {
                                reciprocal += 1.0 / (i + 1);
                                break;
                            }
                        }
                    }
                }
                rows.add(new double[] {meaning, words, reciprocal / Math.max(1, answerable), (double) empty / Math.max(1, unanswerable)});
            }
        }
        rows.sort(java.util.Comparator.comparingDouble((double[] r) -> -(r[2] + r[3])).thenComparingDouble(r -> -r[0]));
        StringBuilder out = new StringBuilder("\nRelevance floor replayed on these results (best first: MRR + no-answer accuracy):\n\n"
                + "| min-meaning | min-words | MRR | no-answer accuracy |\n|---:|---:|---:|---:|\n");
        rows.stream().limit(12).forEach(r -> out.append("| %.2f | %s | %.3f | %.3f |\n".formatted(r[0],
                r[1] > 1 ? "off" : "%.2f".formatted(r[1]), r[2], r[3])));
        return out.toString();
    }

    /** Reference / hypothesis text pairs: one for a picture, one per page for a scanned PDF. */
    private List<String[]> ocrPairs(BenchApp app, JsonNode item, JsonNode asset) throws Exception {
        List<String[]> pairs = new ArrayList<>();
        String hypothesis = asset.path("insights").path("ocrText").asText("");
        if (item.has("ocr")) {
            pairs.add(new String[] {item.path("ocr").asText(), hypothesis});
        } else if (item.has("ocrFile")) {
            pairs.add(new String[] {Files.readString(Path.of("bench", "quality", item.path("ocrFile").asText())), hypothesis});
        } else if (item.has("ocrPages")) {
            JsonNode pages = null;
            for (JsonNode rendition : asset.path("renditions")) {
                if ("pages".equals(rendition.path("kind").asText())) {
                    pages = BenchApp.JSON.readTree(app.download(rendition.path("url").asText())).path("pages");
                }
            }
            for (int i = 0; i < item.path("ocrPages").size(); i++) {
                String read = pages == null || pages.size() <= i ? "" : pages.get(i).path("text").asText("");
                pairs.add(new String[] {Files.readString(set.resolve(item.path("ocrPages").get(i).asText())), read});
            }
        }
        return pairs;
    }

    private static String where(JsonNode hit) {
        List<String> parts = new ArrayList<>();
        parts.add(hit.path("source").asText(""));
        if (hit.hasNonNull("page")) {
            parts.add("p. " + hit.path("page").asInt());
        }
        if (hit.hasNonNull("start")) {
            parts.add("at %.0f s".formatted(hit.path("start").asDouble()));
        }
        return String.join(" ", parts).strip();
    }

    private static JsonNode await(BenchApp app, String jobId) throws Exception {
        Instant deadline = Instant.now().plus(JOB_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            JsonNode job = app.job(jobId);
            if (Set.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.path("status").asText())) {
                return job;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("job " + jobId + " did not end in " + JOB_TIMEOUT);
    }

    /** Lower-cased words and numbers, punctuation dropped: how a person compares what was read. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String token : text.toLowerCase(Locale.ROOT).split("[\\s\\u2014\\u2013/]+")) {
            String word = token.replaceAll("^[^\\p{L}\\p{Nd}]+|[^\\p{L}\\p{Nd}]+$", "");
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    private String stem(String word) {
        return stemmer.stem(word.toLowerCase(Locale.ROOT));
    }

    private static String cut(String text, int max) {
        String flat = text.replaceAll("\\s+", " ").replace("|", "\\|");
        return flat.length() <= max ? flat : flat.substring(0, max) + "…";
    }

    /** Word counts compared as multisets: charts and diagrams have no single reading order. */
    private static final class Counts {
        int pairs;
        int reference;
        int matched;
        int extra;
        int tags;
        int tagsRight;

        void addWords(List<String> referenceWords, List<String> readWords) {
            pairs++;
            Map<String, Long> wanted = referenceWords.stream().collect(Collectors.groupingBy(w -> w, Collectors.counting()));
            Map<String, Long> read = readWords.stream().collect(Collectors.groupingBy(w -> w, Collectors.counting()));
            reference += referenceWords.size();
            for (Map.Entry<String, Long> word : read.entrySet()) {
                long hits = Math.min(word.getValue(), wanted.getOrDefault(word.getKey(), 0L));
                matched += (int) hits;
                extra += (int) (word.getValue() - hits);
            }
        }

        void add(Counts other) {
            pairs += other.pairs;
            reference += other.reference;
            matched += other.matched;
            extra += other.extra;
        }

        double wordAccuracy() {
            return reference == 0 ? 0 : Math.max(0, 1 - (double) (reference - matched + extra) / reference);
        }
    }
}
