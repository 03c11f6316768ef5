package io.aegis.media.audio;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way Aegis runs the offline recogniser, shared by the transcription route (camel-exec: set these as
 * the {@code CamelExecCommandArgs} header, a List, so paths with spaces survive) and the benchmarks.
 */
public final class PocketsphinxCommand {

    public static final String EXECUTABLE = "pocketsphinx_continuous";
    public static final String PROVIDER = "pocketsphinx";
    /** The only acoustic model installed (pocketsphinx-en-us) is US English. */
    public static final String LANGUAGE = "en";

    private PocketsphinxCommand() {
    }

    // -infile x.wav -time yes -logfn /dev/null: word times on stdout, the log discarded instead of mixed into stdout.
    public static List<String> arguments(Path wav) {
        // 0.8 skips a 44-byte header only when the name ends in .wav; otherwise it hears the header as sound.
        if (!wav.getFileName().toString().endsWith(".wav")) {
            throw new IllegalArgumentException("pocketsphinx needs a .wav file name, got " + wav);
        }
        return List.of("-infile", wav.toString(), "-time", "yes", "-logfn", "/dev/null");
    }

    /** The executable followed by {@link #arguments(Path)}, for ProcessBuilder. */
    public static List<String> command(Path wav) {
        List<String> command = new ArrayList<>();
        command.add(EXECUTABLE);
        command.addAll(arguments(wav));
        return List.copyOf(command);
    }
}
