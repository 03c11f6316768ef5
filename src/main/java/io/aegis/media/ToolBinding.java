package io.aegis.media;

import io.aegis.platform.StepDeadline;
import io.aegis.state.ErrorCode;
import io.aegis.state.StepFailure;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.ExecEndpoint;
import org.apache.camel.component.exec.ExecResult;
import org.apache.camel.component.exec.impl.DefaultExecBinding;
import org.apache.camel.component.exec.impl.ExecParseUtils;

/**
 * How the tool runner ({@link ToolExecutor}) reads a tool call from the exchange. A call a Java processor prepared
 * ({@link ToolRun#prepare}: it sets the executable header) is read as camel-exec always reads it, and that processor
 * checks the result ({@link ToolRun#require}). Any other call, that is a tool a YAML step runs
 * ({@code exec:vipsthumbnail?commandExecutor=#toolExecutor&args=...}), is held to the step's envelope here: the
 * endpoint's own executable (headers cannot swap it), its arguments from the URI or {@code CamelExecCommandArgs} with
 * no absolute path, {@code ..} or URL in them, the step's scratch directory as working directory (so cancelling the job
 * finds and stops it), the step's time left as timeout, no stdin, no output file; and its result checked like a Java
 * step's: exit 0 leaves stdout as the body, anything else fails the step (CORRUPT_MEDIA, PROCESSING_TIMEOUT,
 * LIMIT_EXCEEDED).
 */
public class ToolBinding extends DefaultExecBinding {

    private static final String CHECKED_HERE = "aegis.toolCheckedHere";
    /** An argument that names something outside the scratch directory: an absolute path, a way up, a URL. */
    private static final Pattern OUTSIDE = Pattern.compile("(^|[=:,;'\"\\[\\]|(])/|(^|/)\\.\\.(/|$)|://|^~");

    private final MediaProperties media;

    public ToolBinding(MediaProperties media) {
        this.media = media;
    }

    @Override
    public ExecCommand readInput(Exchange exchange, ExecEndpoint endpoint) {
        Message message = exchange.getIn();
        if (message.getHeader(EXEC_COMMAND_EXECUTABLE) != null) {
            exchange.removeProperty(CHECKED_HERE);
            return super.readInput(exchange, endpoint);
        }
        exchange.setProperty(CHECKED_HERE, endpoint.getExecutable());
        List<String> args = arguments(message.removeHeader(EXEC_COMMAND_ARGS), endpoint);
        for (String arg : args) {
            if (OUTSIDE.matcher(arg).find()) {
                throw new StepFailure(ErrorCode.INTERNAL, endpoint.getExecutable() + " was given the argument '" + arg
                        + "', which reaches outside the step's scratch directory: route files name files in it only");
            }
        }
        Path workDir = Scratch.current(exchange);
        Duration timeout = StepDeadline.remaining(exchange).filter(left -> left.compareTo(media.toolTimeout()) < 0)
                .orElse(media.toolTimeout());
        if (timeout.isNegative() || timeout.isZero()) {
            throw new StepFailure(ErrorCode.PROCESSING_TIMEOUT, "the step ran out of time before "
                    + endpoint.getExecutable() + " started");
        }
        // Whatever the route's headers say: camel-exec would otherwise honour them on the next call.
        for (String header : List.of(EXEC_COMMAND_WORKING_DIR, EXEC_COMMAND_TIMEOUT, EXEC_COMMAND_OUT_FILE,
                EXEC_COMMAND_EXIT_VALUES, EXEC_USE_STDERR_ON_EMPTY_STDOUT)) {
            message.removeHeader(header);
        }
        ToolRun.started(exchange, timeout);
        return new ExecCommand(endpoint.getExecutable(), args, workDir.toString(), timeout.toMillis(), java.util.Set.of(), null, null,
                false, endpoint.getCommandLogLevel());
    }

    @Override
    public void writeOutput(Exchange exchange, ExecResult result) {
        super.writeOutput(exchange, result);
        String tool = exchange.getProperty(CHECKED_HERE, String.class);
        if (tool != null) {
            exchange.removeProperty(CHECKED_HERE);
            exchange.getMessage().setBody(ToolRun.require(exchange, tool, ErrorCode.CORRUPT_MEDIA));
        }
    }

    private static List<String> arguments(Object header, ExecEndpoint endpoint) {
        if (header instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        String line = header != null ? header.toString() : endpoint.getArgs();
        return line == null || line.isBlank() ? List.of() : new ArrayList<>(ExecParseUtils.splitToWhiteSpaceSeparatedTokens(line));
    }
}
