package io.schemagate.core.history;

import io.schemagate.core.git.WorkTree;
import io.schemagate.core.git.WorkTreeLookup;
import io.schemagate.core.migrate.DirFormat;
import io.schemagate.core.migrate.Listing;
import io.schemagate.core.migrate.MigrationDir;
import io.schemagate.core.migrate.MigrationFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which files of a listing are new (issue 3, "Which files are new"): since a git base, the last N, or what
 * the CI environment implies, or since a directory pushed to a registry. Only a base (git or pushed) yields history
 * checks; {@code --latest} has no base revision to compare with.
 */
public final class HistoryResolver {
    private HistoryResolver() {
    }

    /**
     * @param dir       the directory as the user named it
     * @param format    how its files are named and ordered (also applied to the base revision)
     * @param listing   {@code format}'s listing of the working tree
     * @param selection what the user asked for
     * @param env       the process environment (CI variables)
     */
    public static History resolve(MigrationDir dir, DirFormat format, Listing listing, NewFiles selection,
                                  Map<String, String> env) throws HistoryException {
        // Java 17 has no pattern switch without preview; the interface is sealed, so this chain is exhaustive.
        if (selection instanceof NewFiles.Latest latest) {
            if (latest.count() < 1) {
                throw new HistoryException("--latest needs a number of files of at least 1, not " + latest.count());
            }
            return last(listing, latest.count(), describeLatest(listing.files().size(), latest.count()));
        }
        if (selection instanceof NewFiles.GitBase gitBase) {
            String ref = gitBase.ref() == null ? "" : gitBase.ref().strip();
            if (ref.isEmpty() || ref.startsWith("-")) {
                throw new HistoryException("--git-base needs a revision such as origin/main, not '" + gitBase.ref() + "'");
            }
            return sinceBase(dir, format, listing, List.of(BaseRef.named(ref)), "--git-base " + ref,
                    "e.g. git fetch origin <branch>");
        }
        if (selection instanceof NewFiles.Pushed pushed) {
            HistoryChecks.Split split = HistoryChecks.compare(dir, listing, pushed.base(), pushed.where());
            return new History(split.base(), split.added(), describeChange(split) + " since " + pushed.where(),
                    split.diagnostics());
        }
        if (selection instanceof NewFiles.Auto) {
            Optional<ChangeRequest> request = ChangeRequest.fromEnvironment(env);
            if (request.isPresent()) {
                ChangeRequest r = request.get();
                return sinceBase(dir, format, listing, r.candidates(), r.wanted(), r.fetchHint());
            }
            // Outside a change request there is nothing to compare with; the last file is the usual one under work.
            return last(listing, 1, listing.files().isEmpty()
                    ? "no --git-base or --latest and no CI context, and the directory has no migration files"
                    : "no --git-base or --latest and no CI context: linting the last file");
        }
        throw new IllegalArgumentException("unknown selection " + selection);
    }

    private static History last(Listing listing, int count, String explanation) {
        List<MigrationFile> files = listing.files();
        int split = Math.max(0, files.size() - count);
        return new History(files.subList(0, split), files.subList(split, files.size()), explanation, List.of());
    }

    private static String describeLatest(int size, int count) {
        String flag = " (--latest " + count + ")";
        if (size == 0) {
            return "no files to lint: the directory has no migration files" + flag;
        }
        if (count >= size) {
            return (size == 1 ? "the only file" : "all " + size + " files") + flag;
        }
        return (count == 1 ? "the last file" : "the last " + count + " files") + flag;
    }

    private static History sinceBase(MigrationDir dir, DirFormat format, Listing listing, List<BaseRef> candidates,
                                      String wanted, String fetchHint) throws HistoryException {
        WorkTreeLookup lookup = WorkTree.locate(dir.path());
        if (lookup instanceof WorkTreeLookup.NotFound notFound) {
            throw new HistoryException("cannot compare " + dir.display() + " with " + wanted + ": " + notFound.reason()
                    + "; use --latest N to choose the new files instead");
        }
        WorkTree tree = ((WorkTreeLookup.Found) lookup).tree();
        MergeBase mergeBase = MergeBase.find(tree, candidates, wanted, fetchHint);
        Listing base = BaseListing.at(tree, mergeBase.commit(), dir, format);
        HistoryChecks.Split split = HistoryChecks.compare(dir, listing, base, mergeBase);
        return new History(split.base(), split.added(), describeChange(split) + " since " + mergeBase.describe()
                + mergeBase.ref().context(), split.diagnostics());
    }

    /** "2 new files", "1 new file and 1 edited file", "no new files". */
    private static String describeChange(HistoryChecks.Split split) {
        int fresh = split.added().size() - split.edited();
        String news = fresh == 0 ? "no new files" : fresh == 1 ? "1 new file" : fresh + " new files";
        if (split.edited() == 0) {
            return news;
        }
        return news + " and " + split.edited() + (split.edited() == 1 ? " edited file" : " edited files");
    }
}
