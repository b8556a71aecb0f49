package io.schemagate.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process run of the CLI with captured output. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(boolean color, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), color));
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun of(String... args) {
        return of(false, args);
    }

    /** In the environment {@code env} instead of the process's. */
    static CliRun in(java.util.Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new Terminal(new PrintWriter(out, true), new PrintWriter(err, true), false), env);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
