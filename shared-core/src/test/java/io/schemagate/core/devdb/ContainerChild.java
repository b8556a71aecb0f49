package io.schemagate.core.devdb;

/**
 * Run in a child JVM by {@link ContainerDevDatabaseTest}, with an environment of the test's choosing: opens the dev
 * database {@code args[0]} and prints {@code ERROR <message>} and exits 2 when that fails, as the CLI reports it;
 * else prints {@code OPENED <description>} and closes it.
 */
public final class ContainerChild {

    private ContainerChild() {
    }

    public static void main(String[] args) throws Exception {
        try (DevDatabase db = DevDatabase.open(DevUrl.parse(args[0]), DevSettings.defaults())) {
            System.out.println("OPENED " + db.description());
        } catch (DevDatabaseException e) {
            System.out.println("ERROR " + e.getMessage());
            System.out.flush();
            System.exit(2);
        }
    }
}
