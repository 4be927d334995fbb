package im.satellite.muc.store;

import im.satellite.persistence.Jdbc;
import im.satellite.persistence.RowMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ArchiveStore} in the {@code muc_archive} table (V003), on SQLite or PostgreSQL. Appends run on the archive
 * writer's thread only, so the {@code seq} each batch takes (the maximum plus one) cannot race; the maximum is read
 * once and then counted here, which saves a query per commit (the writer commits once per message when messages
 * arrive one at a time). Deleting rows never lowers it, so a seq is never handed out twice.
 */
public final class SqlArchiveStore implements ArchiveStore {
    private static final String COLUMNS = "seq, room, id, stamp, nick, sender, has_body, stanza";
    private static final RowMapper<Stored> STORED = r -> new Stored(r.getLong(1), new Row(r.getString(2),
            r.getString(3), Instant.ofEpochMilli(r.getLong(4)), r.getString(5), r.getString(6), r.getBoolean(7),
            r.getString(8)));

    private static final String INSERT = "INSERT INTO muc_archive (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    private final Jdbc jdbc;
    /** The highest seq this store handed out. */
    private long lastSeq;
    /** Whether {@link #lastSeq} is known to be the table's maximum; false at first and after a failed append. */
    private boolean synced;

    public SqlArchiveStore(Jdbc jdbc) {
        this.jdbc = Objects.requireNonNull(jdbc);
    }

    @Override
    public synchronized void append(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        long last;
        try {
            last = jdbc.inTransaction(tx -> {
                long next = synced ? lastSeq : Math.max(lastSeq,
                        tx.queryOne("SELECT COALESCE(MAX(seq), 0) FROM muc_archive", r -> r.getLong(1)).orElse(0L));
                List<Object[]> params = new ArrayList<>(rows.size());
                for (Row row : rows) {
                    params.add(new Object[] {++next, row.room(), row.id(), row.stamp(), row.nick(), row.sender(),
                            row.body(), row.stanza()});
                }
                tx.batch(INSERT, params);
                return next;
            });
        } catch (RuntimeException e) {
            synced = false;
            throw e;
        }
        lastSeq = last;
        synced = true;
    }

    @Override
    public Optional<Long> seq(String room, String id) {
        return jdbc.queryOne("SELECT seq FROM muc_archive WHERE room = ? AND id = ?", r -> r.getLong(1), room, id);
    }

    @Override
    public List<Stored> page(Filter f, int limit, boolean last) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        params.add(limit);
        List<Stored> rows = jdbc.query("SELECT " + COLUMNS + " FROM muc_archive WHERE " + where + " ORDER BY seq "
                + (last ? "DESC" : "ASC") + " LIMIT ?", STORED, params.toArray());
        if (last) {
            rows = new ArrayList<>(rows);
            Collections.reverse(rows);
        }
        return rows;
    }

    @Override
    public long count(Filter f) {
        List<Object> params = new ArrayList<>();
        String where = where(f, params);
        return jdbc.queryOne("SELECT COUNT(*) FROM muc_archive WHERE " + where, r -> r.getLong(1), params.toArray())
                .orElse(0L);
    }

    private static String where(Filter f, List<Object> params) {
        StringBuilder w = new StringBuilder("room = ?");
        params.add(f.room());
        if (f.start() != null) {
            w.append(" AND stamp >= ?");
            params.add(f.start());
        }
        if (f.end() != null) {
            w.append(" AND stamp <= ?");
            params.add(f.end());
        }
        if (f.nick() != null) {
            w.append(" AND nick = ?");
            params.add(f.nick());
        }
        if (f.sender() != null) {
            w.append(" AND sender = ?");
            params.add(f.sender());
        }
        if (f.afterSeq() != null) {
            w.append(" AND seq > ?");
            params.add(f.afterSeq());
        }
        if (f.beforeSeq() != null) {
            w.append(" AND seq < ?");
            params.add(f.beforeSeq());
        }
        if (f.ids() != null) {
            w.append(" AND id IN (").append(String.join(", ", Collections.nCopies(Math.max(1, f.ids().size()), "?")))
                    .append(')');
            params.addAll(f.ids().isEmpty() ? List.of("") : f.ids());
        }
        return w.toString();
    }

    @Override
    public List<Row> recent(String room, Instant notBefore, int max) {
        return jdbc.query("SELECT " + COLUMNS + " FROM muc_archive WHERE room = ? AND has_body = ? AND stamp >= ? "
                + "ORDER BY seq DESC LIMIT ?", STORED, room, Boolean.TRUE, notBefore, max)
                .stream().map(Stored::row).toList();
    }

    @Override
    public boolean retract(String room, String id, String tombstone) {
        return jdbc.update("UPDATE muc_archive SET stanza = ?, has_body = ? WHERE room = ? AND id = ?", tombstone,
                Boolean.FALSE, room, id) > 0;
    }

    @Override
    public void deleteRoom(String room) {
        jdbc.update("DELETE FROM muc_archive WHERE room = ?", room);
    }

    @Override
    public int deleteUnstored(String domain) {
        String pattern = "%@" + domain.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_");
        return jdbc.update("DELETE FROM muc_archive WHERE room LIKE ? ESCAPE '\\' "
                + "AND room NOT IN (SELECT LOWER(jid) FROM muc_room)", pattern);
    }

    @Override
    public int purge(Instant before) {
        return jdbc.update("DELETE FROM muc_archive WHERE stamp < ?", before);
    }
}
