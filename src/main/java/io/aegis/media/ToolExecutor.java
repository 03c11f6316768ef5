package io.aegis.media;

import org.apache.camel.component.exec.ExecCommand;
import org.apache.camel.component.exec.impl.DefaultExecCommandExecutor;
import org.apache.commons.exec.DefaultExecutor;
import org.springframework.stereotype.Component;

/**
 * camel-exec's executor without its JVM shutdown hook, which kills every running tool the moment SIGTERM
 * arrives and so failed the very steps graceful shutdown waits for. A tool still ends at its timeout.
 */
@Component(ToolExecutor.BEAN)
public class ToolExecutor extends DefaultExecCommandExecutor {

    public static final String BEAN = "toolExecutor";

    /** An {@code exec:} endpoint for {@code tool} that runs it through this executor. */
    public static String endpoint(String tool) {
        return "exec:" + tool + "?commandExecutor=#" + BEAN;
    }

    @Override
    protected DefaultExecutor prepareDefaultExecutor(ExecCommand execCommand) {
        DefaultExecutor executor = super.prepareDefaultExecutor(execCommand);
        executor.setProcessDestroyer(null);
        return executor;
    }
}
