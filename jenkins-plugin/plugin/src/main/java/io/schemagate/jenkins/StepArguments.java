package io.schemagate.jenkins;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The named arguments a step was given, as the Map that SchemagateCli decides from. Unset arguments are left out, as
 * they are absent from a shared-library call, so the library and the plugin see the same Map for the same call.
 */
final class StepArguments {
    private final Map<String, Object> values = new LinkedHashMap<>();

    StepArguments put(String name, @CheckForNull Object value) {
        if (value != null) {
            values.put(name, value);
        }
        return this;
    }

    Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** The command as given, or SchemagateCli's default: shellLine with no arguments is just the command. */
    String command() {
        Object command = values.get("command");
        return SchemagateCli.shellLine(command == null ? null : command.toString(), Collections.<String>emptyList());
    }

    /** A report file's path under reportDir, relative to the workspace unless reportDir is absolute. */
    String reportPath(String file) {
        return SchemagateCli.reportPath(values, file);
    }

    /** The NAME=VALUE lines of a dotenv report under reportDir, or null when this run did not write it. */
    @CheckForNull
    Map<String, String> readDotenv(FilePath workspace, String file) throws IOException, InterruptedException {
        FilePath report = workspace.child(reportPath(file));
        return report.exists() ? SchemagateCli.dotenv(report.readToString()) : null;
    }

    /**
     * Refuses a report directory that is, or lies under, a symbolic link inside the workspace (a pull request can
     * commit one): nothing is written or archived through it. The shared library's script does the same.
     */
    void refuseLinkedReportDir(FilePath workspace) throws IOException, InterruptedException {
        String dir = reportPath("");
        FilePath path = workspace.child(dir.isEmpty() ? "." : dir);
        for (FilePath p = path; p != null && !p.getRemote().equals(workspace.getRemote()); p = p.getParent()) {
            if (p.readLink() != null) {
                throw new AbortException(p.getRemote() + " is a symbolic link: schemagate does not write reports"
                        + " through one");
            }
        }
    }

    /**
     * Removes the report files an earlier build left in the workspace, as the shared library's script does, so a run
     * that stops early cannot pass off old results as its own.
     */
    static void deleteReports(FilePath workspace, List<String> paths) throws IOException, InterruptedException {
        for (String path : paths) {
            FilePath report = workspace.child(path);
            if (report.readLink() != null || report.exists()) { // a dangling link does not "exist", but must go
                report.delete();
            }
        }
    }

    List<String> lintArgv() throws AbortException {
        try {
            return SchemagateCli.lintArguments(values);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage()); // one line naming the argument, no stack trace
        }
    }

    String gate() throws AbortException {
        try {
            return SchemagateCli.gate(values);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    List<String> pushArgv() throws AbortException {
        try {
            return SchemagateCli.pushArguments(values);
        } catch (IllegalArgumentException e) {
            throw new AbortException(e.getMessage());
        }
    }

    boolean isFalse(String name) {
        return Boolean.FALSE.equals(values.get(name));
    }

    boolean isTrue(String name) {
        return Boolean.TRUE.equals(values.get(name));
    }
}
