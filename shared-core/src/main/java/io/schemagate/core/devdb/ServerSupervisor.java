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
 * A small {@code sh} process that ties an embedded server's life to this JVM (the postmaster, mariadbd). Its stdin is
 * a pipe only the JVM writes to and never closes before {@link #stop}: when the pipe reaches EOF, because of
 * {@link #stop} or because the JVM died (even by SIGKILL, which no shutdown hook sees), it asks the server to shut
 * down as its {@link Shutdown} says, escalates, then removes the run directory.
 */
public final class ServerSupervisor {

    /**
     * How a server is asked to stop after the pipe's EOF.
     *
     * @param name      the supervisor's process name, as {@code ps} shows it
     * @param signal    the request
     * @param killAfter when SIGKILL follows, if the server is still there
     */
    public record Shutdown(String name, String signal, Duration killAfter) {
        /**
         * The postmaster: immediate shutdown (SIGQUIT), SIGKILL after 7 s, past the 5 s after which PostgreSQL kills
         * its own stuck backends. Its cluster is deleted next, so the checkpoint of a fast shutdown would only write
         * pages nobody reads (a cluster worth keeping is stopped by its owner first).
         */
        public static final Shutdown POSTMASTER = new Shutdown("schemagate-supervisor", "QUIT", Duration.ofSeconds(7));
        /** mariadbd: SIGTERM (it ignores SIGINT), SIGKILL after 8 s. */
        public static final Shutdown MARIADBD = new Shutdown("schemagate-mariadb-supervisor", "TERM", Duration.ofSeconds(8));
    }

    /**
     * $1 the run directory, $2 the signal, $3 how many 50 ms polls before SIGKILL (each poll also forks, so a little
     * more than that); the rest the server's command. sh exports a PWD of its own: not passed on.
     */
    static final String SCRIPT = """
            unset PWD
            run=$1; signal=$2; kill_at=$3; shift 3
            "$@" </dev/null &
            server=$!
            while read -r _; do :; done
            kill -"$signal" "$server" 2>/dev/null
            n=0
            while kill -0 "$server" 2>/dev/null; do
              n=$((n + 1))
              if [ "$n" -ge "$kill_at" ]; then kill -KILL "$server" 2>/dev/null; fi
              sleep 0.05
            done
            case "$run" in */run-*) rm -rf -- "$run" ;; esac
            """;
    /** Its own session, where there is setsid: a Ctrl-C meant for schemagate reaches the server only through us. */
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private final Process process;
    /** The pipe whose EOF stops the server: held, unwritten, until {@link #stop}. */
    private final OutputStream lifeline;

    private ServerSupervisor(Process process) {
        this.process = process;
        this.lifeline = process.getOutputStream();
    }

    /** Starts {@code serverCommand} under a supervisor; the output of both goes to the run's log. */
    public static ServerSupervisor start(RunDirectory run, Shutdown shutdown, List<String> serverCommand)
            throws IOException {
        List<String> command = new ArrayList<>();
        SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(setsid -> command.add(setsid.toString()));
        command.addAll(List.of(ServerLauncher.SH.toString(), "-c", SCRIPT, shutdown.name(), run.path().toString(),
                shutdown.signal(), Long.toString(shutdown.killAfter().toMillis() / 50)));
        command.addAll(serverCommand);
        Process process = ServerLauncher.builder(command, run.path())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(run.log().toFile()))
                .start();
        return new ServerSupervisor(process);
    }

    public boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * Closes the pipe and waits up to {@code wait} for the supervisor to stop the server and exit; past that it is
     * killed, and the caller stops the server itself. Returns whether the supervisor finished on its own.
     */
    public boolean stop(Duration wait) {
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
