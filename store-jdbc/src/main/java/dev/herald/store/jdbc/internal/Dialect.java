package dev.herald.store.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** What differs between the two databases: how times are kept, row order, row locks and constraint errors. */
public enum Dialect {
    /** Times as epoch milliseconds; one writer, so no row locks. */
    SQLITE("sqlite", true, "rowid", "") {
        @Override
        void setTime(PreparedStatement ps, int index, Instant time) throws SQLException {
            if (time == null) {
                ps.setNull(index, Types.BIGINT);
            } else {
                ps.setLong(index, time.toEpochMilli());
            }
        }

        @Override
        Instant getTime(ResultSet rs, String column) throws SQLException {
            long millis = rs.getLong(column);
            return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
        }

        @Override
        Instant truncate(Instant time) {
            return time == null ? null : time.truncatedTo(ChronoUnit.MILLIS);
        }

        @Override
        void boundWaits(Connection c, Duration left) {
            // Every write goes through the one writer, which bounds the wait for it; a transaction here waits
            // at most the connection's busy timeout.
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return e instanceof SQLiteException s && (s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY
                    || s.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE);
        }
    },
    /** Times as {@code timestamptz}; nodes race for due rows, so they skip the rows another node has locked. */
    POSTGRESQL("postgresql", false, "seq", " FOR UPDATE SKIP LOCKED") {
        @Override
        void setTime(PreparedStatement ps, int index, Instant time) throws SQLException {
            if (time == null) {
                ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(index, OffsetDateTime.ofInstant(truncate(time), ZoneOffset.UTC));
            }
        }

        @Override
        Instant getTime(ResultSet rs, String column) throws SQLException {
            OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }

        @Override
        Instant truncate(Instant time) {
            // PostgreSQL rounds to the microsecond; truncating instead keeps a due time from moving later.
            return time == null ? null : time.truncatedTo(ChronoUnit.MICROS);
        }

        @Override
        void boundWaits(Connection c, Duration left) throws SQLException {
            // A statement waiting for rows another node has locked is cancelled once the time is up; SET LOCAL
            // ends with the transaction, so the pooled connection goes back as it was.
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL statement_timeout = " + Math.max(1, left.toMillis()));
            }
        }

        @Override
        boolean isUniqueViolation(SQLException e) {
            return "23505".equals(e.getSQLState());
        }
    };

    private final String id;
    private final boolean singleWriter;
    private final String sequenceColumn;
    private final String skipLocked;

    Dialect(String id, boolean singleWriter, String sequenceColumn, String skipLocked) {
        this.id = id;
        this.singleWriter = singleWriter;
        this.sequenceColumn = sequenceColumn;
        this.skipLocked = skipLocked;
    }

    /** The database's name in folders ({@code db/migration/<id>}) and thread names. */
    String id() {
        return id;
    }

    /** Whether the database takes one writer at a time, so that every write had best go through one thread. */
    boolean singleWriter() {
        return singleWriter;
    }

    /** The column that orders rows of equal time as they were inserted. */
    String sequenceColumn() {
        return sequenceColumn;
    }

    /** The clause that locks the rows a query picks and passes over those another transaction has locked. */
    String skipLocked() {
        return skipLocked;
    }

    abstract void setTime(PreparedStatement ps, int index, Instant time) throws SQLException;

    abstract Instant getTime(ResultSet rs, String column) throws SQLException;

    /** The instant as this database keeps it. */
    abstract Instant truncate(Instant time);

    /** Bounds how long the statements of the transaction open on {@code c} may wait, to {@code left}. */
    abstract void boundWaits(Connection c, Duration left) throws SQLException;

    abstract boolean isUniqueViolation(SQLException e);
}
