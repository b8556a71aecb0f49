package io.schemagate.core.devdb;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small {@code sh} process that ties the postmaster's life to this JVM. Its stdin is a pipe only the JVM writes
 * to and never closes before {@link #stop}: when the pipe reaches EOF, because of {@link #stop} or because the JVM
 * died (even by SIGKILL, which no shutdown hook sees), it asks the postmaster for a fast shutdown (SIGINT), escalates
 * to SIGQUIT after 5 s and SIGKILL after 7 s, then removes the run directory.
 */
final class PostmasterSupervisor {

    /** $1 the run directory; the rest the postmaster's command. sh exports a PWD of its own: not passed on. */
    static final String SCRIPT = """
            unset PWD
            run=$1; shift
            "$@" </dev/null &
            pm=$!
            while read -r _; do :; done
            kill -INT "$pm" 2>/dev/null
            n=0
            while kill -0 "$pm" 2>/dev/null; do
              n=$((n + 1))
              if [ "$n" -eq 50 ]; then kill -QUIT "$pm" 2>/dev/null; fi
              if [ "$n" -ge 70 ]; then kill -KILL "$pm" 2>/dev/null; fi
              sleep 0.1
            done
            case "$run" in */run-*) rm -rf -- "$run" ;; esac
            """;
    /** Its own session, where there is setsid: a Ctrl-C meant for schemagate reaches the server only through us. */
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final Process process;
    /** The pipe whose EOF stops the server: held, unwritten, until {@link #stop}. */
    private final OutputStream lifeline;

    private PostmasterSupervisor(Process process) {
        this.process = process;
        this.lifeline = process.getOutputStream();
    }

    /** Starts {@code postmasterCommand} under a supervisor; output of both goes to the run's log. */
    static PostmasterSupervisor start(RunDirectory run, List<String> postmasterCommand) throws IOException {
        List<String> command = new ArrayList<>();
        SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(List.of(ServerLauncher.SH.toString(), "-c", SCRIPT, "schemagate-supervisor", run.path().toString()));
        command.addAll(postmasterCommand);
        Process process = ServerLauncher.builder(command, run.path())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(run.log().toFile()))
                .start();
        return new PostmasterSupervisor(process);
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * Closes the pipe and waits up to {@code wait} for the supervisor to stop the postmaster and exit; past that it
     * is killed, and the caller stops the postmaster itself. Returns whether the supervisor finished on its own.
     */
    boolean stop(Duration wait) {
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // the supervisor is gone already
        }
        try {
            if (process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return false;
    }
}
