package io.aegis.orchestrate;

import io.aegis.state.Job;

/** What {@link JobLifecycle#startStep} decided for one step message; {@code job} is the job as stored. */
public record StepStart(Outcome outcome, Job job) {

    public enum Outcome {
        /** This delivery runs the step. */
        STARTED,
        /** Nothing to run: the step finished already or the job ended. */
        DONE,
        /** Another delivery runs the step right now; this one comes back when its lease would lapse. */
        BUSY
    }
}
