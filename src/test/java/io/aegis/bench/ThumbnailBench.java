package io.aegis.bench;

import com.sun.management.OperatingSystemMXBean;
import io.aegis.media.image.Thumbnailer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Thumbnails a folder of images with {@link Thumbnailer} and prints how long it took; driven by
 * {@code bench/thumbnails.sh}, which also runs vipsthumbnail for comparison. Not a test: timings belong here.
 *
 * <p>Usage: {@code ThumbnailBench <imageDir> <outDir> [threads=1] [part=0/1] [size=256] [warmup=10]}.
 * {@code part=k/n} takes every n-th image starting at k, so n processes can split one folder.
 * Prints {@code RESULT images=... millis=... start=<epoch ms> end=<epoch ms> cpuMillis=...}, timing only the
 * measured run; CPU time (all JVM threads) is the figure that stays comparable on a busy machine.
 */
public final class ThumbnailBench {

    private ThumbnailBench() {
    }

    public static void main(String[] args) throws Exception {
        Path images = Path.of(args[0]);
        Path out = Path.of(args[1]);
        int threads = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        String[] part = (args.length > 3 ? args[3] : "0/1").split("/");
        int size = args.length > 4 ? Integer.parseInt(args[4]) : 256;
        int warmup = args.length > 5 ? Integer.parseInt(args[5]) : 10;

        List<Path> mine = share(list(images), Integer.parseInt(part[0]), Integer.parseInt(part[1]));
        Thumbnailer thumbnailer = new Thumbnailer(100_000_000L);
        // Warm-up on a few images so the JIT has compiled the decode and scale paths before timing.
        run(thumbnailer, mine.subList(0, Math.min(warmup, mine.size())), out.resolve("warmup"), threads, size);

        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long start = System.currentTimeMillis();
        long t0 = System.nanoTime();
        run(thumbnailer, mine, out.resolve("run"), threads, size);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        long end = System.currentTimeMillis();
        long cpuMillis = (os.getProcessCpuTime() - cpu0) / 1_000_000;
        System.out.printf(Locale.ROOT, "RESULT images=%d millis=%d start=%d end=%d cpuMillis=%d rate=%.2f%n",
                mine.size(), millis, start, end, cpuMillis, mine.size() * 1000.0 / millis);
    }

    private static void run(Thumbnailer thumbnailer, List<Path> files, Path out, int threads, int size) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (Path file : files) {
                Path dir = out.resolve(file.getFileName().toString());
                jobs.add(pool.submit(() -> thumbnailer.render(file, 1, List.of(size), dir)));
            }
            for (Future<?> job : jobs) {
                job.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().matches(".*\\.(jpg|png|webp)")).sorted().toList();
        }
    }

    private static List<Path> share(List<Path> all, int k, int n) {
        List<Path> mine = new ArrayList<>();
        for (int i = k; i < all.size(); i += n) {
            mine.add(all.get(i));
        }
        return mine;
    }
}
