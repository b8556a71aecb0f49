package io.schemagate.core.git;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A git work tree, read through the {@code git} command: revisions, merge bases and committed trees. Nothing here
 * writes to the repository or fetches. Every query answers "not known" (an empty result) rather than throwing.
 *
 * @param top    the work tree's root ({@code git rev-parse --show-toplevel})
 * @param prefix the directory it was found from, relative to {@code top}, with {@code /} and no trailing
 *               slash; empty for the root itself
 */
public record WorkTree(Path top, String prefix) {

    /** The work tree that holds {@code dir}, or why there is none. */
    public static WorkTreeLookup locate(Path dir) {
        Optional<GitOutput> answer = GitProcess.run(dir, List.of("rev-parse", "--show-toplevel", "--show-prefix"));
        if (answer.isEmpty()) {
            return new WorkTreeLookup.NotFound("git is not installed or did not answer");
        }
        GitOutput out = answer.get();
        if (!out.succeeded()) {
            // Since git 2.35.2 a repository owned by another user (typical in CI containers) is refused outright;
            // saying "not a repository" there would send users looking for the wrong problem.
            if (out.stderr().contains("dubious ownership")) {
                return new WorkTreeLookup.NotFound("git refuses to read the repository because another user owns it"
                        + " (if you trust it: git config --global --add safe.directory <repository path>)");
            }
            return new WorkTreeLookup.NotFound("it is not inside a git work tree");
        }
        String[] lines = out.text().split("\n", -1);
        if (lines.length < 2) {
            return new WorkTreeLookup.NotFound("git did not report where the work tree is");
        }
        String prefix = lines[1].endsWith("/") ? lines[1].substring(0, lines[1].length() - 1) : lines[1];
        return new WorkTreeLookup.Found(new WorkTree(Path.of(lines[0]), prefix));
    }

    /** The full id of the commit {@code revision} names ({@code origin/main}, a sha, {@code HEAD}), if it exists here. */
    public Optional<String> commit(String revision) {
        if (revision.isEmpty() || revision.startsWith("-")) {
            return Optional.empty(); // would be read as an option, not a revision
        }
        return answer(List.of("rev-parse", "--verify", "--quiet", revision + "^{commit}"));
    }

    /** The best common ancestor of two commits; empty when they share no history (or the clone is too shallow). */
    public Optional<String> mergeBase(String a, String b) {
        return answer(List.of("merge-base", a, b));
    }

    /** Whether this is a shallow clone, whose history stops at a cut-off so merge bases may be missing. */
    public boolean isShallow() {
        return answer(List.of("rev-parse", "--is-shallow-repository")).map("true"::equals).orElse(false);
    }

    /**
     * Every entry below {@code path} (relative to {@link #top}, {@code /}-separated, empty = root) in
     * {@code commit}, recursively, paths relative to {@code path}. An empty list when {@code path} does not exist
     * there or is not a directory; empty result when git could not answer.
     */
    public Optional<List<TreeEntry>> files(String commit, String path) {
        // "<commit>:<path>" names the subtree directly, so the path is never parsed as a pathspec (no globbing).
        String tree = commit + ":" + path;
        Optional<GitOutput> type = GitProcess.run(top, List.of("cat-file", "-t", tree));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        if (!type.get().succeeded() || !type.get().text().equals("tree")) {
            return Optional.of(List.of());
        }
        return GitProcess.run(top, List.of("ls-tree", "-r", "-z", tree))
                .filter(GitOutput::succeeded)
                .map(out -> parseTree(out.stdout()));
    }

    /** The contents of the given blobs by id, read in one {@code git cat-file --batch}; empty if any is missing. */
    public Optional<Map<String, byte[]>> blobs(Collection<String> objectIds) {
        Collection<String> unique = new LinkedHashSet<>(objectIds);
        if (unique.isEmpty()) {
            return Optional.of(Map.of());
        }
        StringBuilder request = new StringBuilder();
        unique.forEach(id -> request.append(id).append('\n'));
        return GitProcess.run(top, List.of("cat-file", "--batch"), request.toString().getBytes(StandardCharsets.UTF_8))
                .filter(GitOutput::succeeded)
                .flatMap(out -> parseBatch(out.stdout(), unique.size()));
    }

    private Optional<String> answer(List<String> args) {
        return GitProcess.run(top, args).filter(GitOutput::succeeded).map(GitOutput::text);
    }

    /** {@code <mode> SP <type> SP <id> TAB <path> NUL}, repeated. */
    private static List<TreeEntry> parseTree(byte[] out) {
        List<TreeEntry> entries = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < out.length; i++) {
            if (out[i] != 0) {
                continue;
            }
            String record = new String(out, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            int tab = record.indexOf('\t');
            String[] meta = record.substring(0, tab).split(" ");
            entries.add(new TreeEntry(meta[0], meta[1], meta[2], record.substring(tab + 1)));
        }
        return entries;
    }

    /** {@code <id> SP <type> SP <size> LF <content> LF}, repeated; {@code <id> SP missing LF} for unknown ids. */
    private static Optional<Map<String, byte[]>> parseBatch(byte[] out, int expected) {
        Map<String, byte[]> blobs = new HashMap<>();
        int pos = 0;
        while (pos < out.length) {
            int lf = pos;
            while (lf < out.length && out[lf] != '\n') {
                lf++;
            }
            String[] header = new String(out, pos, lf - pos, StandardCharsets.UTF_8).split(" ");
            if (header.length != 3 || !header[1].equals("blob")) {
                return Optional.empty();
            }
            int size = Integer.parseInt(header[2]);
            int content = lf + 1;
            if (content + size > out.length) {
                return Optional.empty();
            }
            blobs.put(header[0], Arrays.copyOfRange(out, content, content + size));
            pos = content + size + 1;
        }
        return blobs.size() == expected ? Optional.of(blobs) : Optional.empty();
    }
}
