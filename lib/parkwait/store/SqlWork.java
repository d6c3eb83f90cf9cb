package parkwait.store;

import java.sql.Connection;
import java.sql.SQLException;

/** A piece of database work run by {@link Store} inside a fenced transaction. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection conn) throws SQLException;
}
