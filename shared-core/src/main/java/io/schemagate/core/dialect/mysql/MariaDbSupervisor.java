package io.schemagate.core.dialect.mysql;

import io.schemagate.core.devdb.RunDirectory;
import io.schemagate.core.devdb.ServerLauncher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small {@code sh} process that ties mariadbd's life to this JVM, as the PostgreSQL supervisor does for the
 * postmaster. Its stdin is a pipe only the JVM writes to and never closes before {@link #stop}: at EOF, because of
 * {@link #stop} or because the JVM died (even by SIGKILL, which no shutdown hook sees), it asks mariadbd to shut down
 * (SIGTERM; mariadbd ignores SIGINT), sends SIGKILL after 8 s, then removes the run directory.
 */
final class MariaDbSupervisor {

    /** $1 the run directory; the rest mariadbd's command. sh exports a PWD of its own: not passed on. */
    static final String SCRIPT = """
            unset PWD
            run=$1; shift
            "$@" </dev/null &
            server=$!
            while read -r _; do :; done
            kill -TERM "$server" 2>/dev/null
            n=0
            while kill -0 "$server" 2>/dev/null; do
              n=$((n + 1))
              if [ "$n" -ge 80 ]; then kill -KILL "$server" 2>/dev/null; fi
              sleep 0.1
            done
            case "$run" in */run-*) rm -rf -- "$run" ;; esac
            """;
    /** Its own session, where there is setsid: a Ctrl-C meant for schemagate reaches the server only through us. */
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final Process process;
    /** The pipe whose EOF stops the server: held, unwritten, until {@link #stop}. */
    private final OutputStream lifeline;

    private MariaDbSupervisor(Process process) {
        this.process = process;
        this.lifeline = process.getOutputStream();
    }

    /** Starts {@code serverCommand} under a supervisor; the output of both goes to the run's log. */
    static MariaDbSupervisor start(RunDirectory run, List<String> serverCommand) throws IOException {
        List<String> command = new ArrayList<>();
        SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(List.of(ServerLauncher.SH.toString(), "-c", SCRIPT, "schemagate-mariadb-supervisor", run.path().toString()));
        command.addAll(serverCommand);
        Process process = ServerLauncher.builder(command, run.path())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(run.log().toFile()))
                .start();
        return new MariaDbSupervisor(process);
    }

    boolean alive() {
        return process.isAlive();
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * Closes the pipe and waits up to {@code wait} for the supervisor to stop mariadbd and exit; past that the
     * supervisor and everything it started are killed. Returns whether it finished on its own.
     */
    boolean stop(Duration wait) {
        List<ProcessHandle> started = process.descendants().toList();
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
        // ProcessHandle checks the start time before it signals: a reused pid is not hit.
        started.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        return false;
    }
}
