package io.schemagate.core.git;

/**
 * One entry of {@code git ls-tree -r}.
 *
 * @param mode     octal mode as git prints it ({@code 100644}, {@code 100755}, {@code 120000} symlink, {@code 160000} submodule)
 * @param type     {@code blob}, {@code tree} or {@code commit}
 * @param objectId the object's id
 * @param path     relative to the listed tree, with {@code /}
 */
public record TreeEntry(String mode, String type, String objectId, String path) {

    /** A regular file (executable or not); symlinks and submodules are not migration files. */
    public boolean isRegularFile() {
        return type.equals("blob") && (mode.equals("100644") || mode.equals("100755"));
    }
}
