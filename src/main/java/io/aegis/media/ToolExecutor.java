package io.aegis.media;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.ExecDefaultExecutor;
import org.apache.camel.component.exec.ExecEndpoint;
import org.apache.camel.component.exec.ExecException;
import org.apache.camel.component.exec.ExecResult;
import org.apache.camel.component.exec.impl.DefaultExecCommandExecutor;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one way Aegis runs an external tool (camel-exec's executor, no shell): under the OS limits of
 * {@link ToolLimits} ({@code prlimit} in front of the command), with no stdin, killed at its timeout, its output kept
 * as a bounded tail ({@link ToolOutput}). Without camel-exec's JVM shutdown hook, which killed every running tool
 * the moment SIGTERM arrived and so failed the very steps graceful shutdown waits for.
 */
@Component(ToolExecutor.BEAN)
public class ToolExecutor extends DefaultExecCommandExecutor {

    public static final String BEAN = "toolExecutor";
    static final int STDERR_KEPT = 64 * 1024;

    private final ToolLimits limits;

    @Autowired
    public ToolExecutor(MediaProperties media) {
        this(media.toolLimits() == null ? ToolLimits.defaults() : media.toolLimits());
    }

    public ToolExecutor(ToolLimits limits) {
        this.limits = limits;
    }

    /** An {@code exec:} endpoint for {@code tool} that runs it through this executor. */
    public static String endpoint(String tool) {
        return "exec:" + tool + "?commandExecutor=#" + BEAN;
    }

    @Override
    public ExecResult execute(ExecCommand command) {
        ToolOutput out = new ToolOutput((int) Math.min(Integer.MAX_VALUE - 8, limits.maxOutput().toBytes()));
        ToolOutput err = new ToolOutput(STDERR_KEPT);
        DefaultExecutor executor = prepareDefaultExecutor(command);
        executor.setStreamHandler(new PumpStreamHandler(out, err, command.getInput()));
        try {
            int exit = executor.execute(toCommandLine(command));
            return new ExecResult(command, out.captured(), err.captured(), exit);
        } catch (ExecuteException e) {
            throw new ExecException("Failed to execute command " + command, out.captured(), err.captured(), e.getExitValue(), e);
        } catch (IOException e) {
            int exit = executor instanceof ExecDefaultExecutor exec ? exec.getExitValue() : 0;
            throw new ExecException("Unable to execute command " + command, out.captured(), err.captured(), exit, e);
        }
    }

    @Override
    protected DefaultExecutor prepareDefaultExecutor(ExecCommand command) {
        DefaultExecutor executor = new ExecDefaultExecutor();
        executor.setExitValues(null);
        if (command.getWorkingDir() != null) {
            executor.setWorkingDirectory(new File(command.getWorkingDir()).getAbsoluteFile());
        }
        if (command.getTimeout() != ExecEndpoint.NO_TIMEOUT) {
            executor.setWatchdog(new ExecuteWatchdog(command.getTimeout()));
        }
        executor.setProcessDestroyer(null);
        return executor;
    }

    @Override
    protected CommandLine toCommandLine(ExecCommand command) {
        List<String> words = new ArrayList<>(limits.prefix());
        words.add(command.getExecutable());
        words.addAll(command.getArgs());
        CommandLine line = new CommandLine(words.get(0));
        words.subList(1, words.size()).forEach(word -> line.addArgument(word, false));
        return line;
    }
}
