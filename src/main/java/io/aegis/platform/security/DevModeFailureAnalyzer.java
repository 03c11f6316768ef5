package io.aegis.platform.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints why {@link DevMode} refused the start and what to set, instead of a stack trace. */
public class DevModeFailureAnalyzer extends AbstractFailureAnalyzer<DevMode.Refused> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DevMode.Refused cause) {
        return new FailureAnalysis("Aegis refuses to start: " + cause.description(), cause.action(), cause);
    }
}
