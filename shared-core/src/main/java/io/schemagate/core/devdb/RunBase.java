package io.schemagate.core.devdb;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The per-user directory that holds the embedded servers' run directories, {@code ${java.io.tmpdir}/schemagate-<uid>}
 * (mode 0700). Each OS user has its own; one that is not ours or that others can enter is refused, never used, since
 * the cluster, its socket and its log live below it. Each start sweeps it of runs whose JVM is gone.
 */
public final class RunBase {

    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");
    /** A run directory without an owner record yet is one being made, unless it is this old. */
    private static final Duration UNOWNED_GRACE = Duration.ofMinutes(10);
    /** How long a leftover postmaster gets for its immediate shutdown before SIGKILL. */
    private static final Duration STALE_STOP_WAIT = Duration.ofSeconds(5);
    private static final char[] NAME_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path path;

    private RunBase(Path path) {
        this.path = path;
    }

    /** {@code ${java.io.tmpdir}/schemagate-<uid>}, made or checked. */
    public static RunBase forCurrentUser() throws DevDatabaseException {
        OsUser user = OsUser.currentOrFail();
        return at(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().resolve("schemagate-" + user.uid()), user);
    }

    /** {@code path} as the base of {@code user}: created 0700, or checked to be that user's and private. */
    static RunBase at(Path path, OsUser user) throws DevDatabaseException {
        try {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PRIVATE));
            Files.setPosixFilePermissions(path, PRIVATE); // the umask may have taken bits from the owner
        } catch (FileAlreadyExistsException existing) {
            // checked below, like any existing one
        } catch (IOException | UnsupportedOperationException e) {
            throw new DevDatabaseException("cannot create the embedded PostgreSQL run directory " + path + ": " + e.getMessage(), e);
        }
        String refusal = refusal(path, user);
        if (refusal != null) {
            throw new DevDatabaseException("embedded PostgreSQL refuses the run directory " + path + ": " + refusal
                    + "; remove it, or point java.io.tmpdir (-Djava.io.tmpdir) elsewhere");
        }
        return new RunBase(path);
    }

    /** Why {@code path} is not a private directory of {@code user}, or null. */
    private static String refusal(Path path, OsUser user) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                return "it is a symbolic link";
            }
            if (!attributes.isDirectory()) {
                return "it is not a directory";
            }
            Object owner = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            if (!Integer.valueOf(user.uid()).equals(owner)) {
                return "it belongs to uid " + owner + ", not to this user (uid " + user.uid() + ")";
            }
            Set<PosixFilePermission> permissions = attributes.permissions();
            if (!PRIVATE.containsAll(permissions)) {
                return "other users can access it (" + PosixFilePermissions.toString(permissions) + ", must be rwx------)";
            }
            return null;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "cannot check it (" + e.getMessage() + ")";
        }
    }

    public Path path() {
        return path;
    }

    /** A new run directory (0700) with this JVM's owner record and an empty 0700 socket directory. */
    public RunDirectory newRun() throws DevDatabaseException {
        FileAttribute<Set<PosixFilePermission>> privateMode = PosixFilePermissions.asFileAttribute(PRIVATE);
        for (int attempt = 0; ; attempt++) {
            RunDirectory run = new RunDirectory(path.resolve(RunDirectory.PREFIX + randomName()));
            try {
                Files.createDirectory(run.path(), privateMode);
                Files.setPosixFilePermissions(run.path(), PRIVATE);
                RunOwner.current().writeTo(run.path());
                Files.createDirectory(run.socket(), privateMode);
                Files.setPosixFilePermissions(run.socket(), PRIVATE);
                return run;
            } catch (FileAlreadyExistsException taken) {
                if (attempt >= 3) {
                    throw new DevDatabaseException("cannot create a run directory in " + path + ": " + taken.getMessage(), taken);
                }
            } catch (IOException e) {
                DirectoryTree.delete(run.path());
                throw new DevDatabaseException("cannot create a run directory in " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Removes the run directories whose JVM is gone (killed before it could clean up), stopping a postmaster still
     * running in one first. Never throws: what it cannot remove, a later start tries again.
     */
    public void removeStale() {
        List<Path> runs;
        try (Stream<Path> list = Files.list(path)) {
            runs = list.filter(p -> p.getFileName().toString().startsWith(RunDirectory.PREFIX)).toList();
        } catch (IOException | RuntimeException e) {
            return;
        }
        for (Path run : runs) {
            try {
                if (stale(run)) {
                    RunDirectory directory = new RunDirectory(run);
                    PostmasterPidFile.read(directory.data()).ifPresent(pid ->
                            PostmasterStop.stop(pid.pid(), directory.data(), STALE_STOP_WAIT));
                    DirectoryTree.delete(run);
                }
            } catch (IOException | RuntimeException e) {
                // next start
            }
        }
    }

    private static boolean stale(Path run) throws IOException {
        if (Files.isSymbolicLink(run)) {
            return true; // not something schemagate makes; the link goes, not its target
        }
        Optional<RunOwner> owner = RunOwner.readFrom(run);
        if (owner.isPresent()) {
            return !owner.get().alive();
        }
        Instant modified = Files.getLastModifiedTime(run, LinkOption.NOFOLLOW_LINKS).toInstant();
        return modified.isBefore(Instant.now().minus(UNOWNED_GRACE));
    }

    private static String randomName() {
        char[] name = new char[12];
        for (int i = 0; i < name.length; i++) {
            name[i] = NAME_CHARS[RANDOM.nextInt(NAME_CHARS.length)];
        }
        return new String(name);
    }
}
