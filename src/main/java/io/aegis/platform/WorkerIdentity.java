package io.aegis.platform;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Names this process in the steps it runs: {@code aegis.worker-id}, or host:pid when that is blank. */
@Component
public class WorkerIdentity {

    private final String id;

    public WorkerIdentity(@Value("${aegis.worker-id:}") String configured) {
        this.id = configured == null || configured.isBlank() ? hostName() + ":" + ProcessHandle.current().pid() : configured;
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
