namespace ClassifiedGateway.Gateway.Storage.Sqlite;

/// <summary>The SQLite schema, version by version. Never edit a released version: add the next one.</summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<(int Version, string Sql)> All { get; } =
    [
        (1, """
            CREATE TABLE messages (
                seq               INTEGER PRIMARY KEY AUTOINCREMENT,
                id                TEXT    NOT NULL UNIQUE,
                direction         INTEGER NOT NULL,
                kind              TEXT    NOT NULL,
                sender_party      INTEGER NOT NULL,
                sender_body       TEXT    NOT NULL,
                receiver_party    INTEGER NOT NULL,
                receiver_body     TEXT    NOT NULL,
                level             INTEGER NOT NULL,
                in_reply_to       TEXT    NULL,
                correlation_id    TEXT    NULL,
                created_at        INTEGER NOT NULL,
                accepted_at       INTEGER NOT NULL,
                stage             INTEGER NOT NULL,
                stage_at          INTEGER NOT NULL,
                digest            BLOB    NOT NULL,
                envelope          BLOB    NOT NULL,
                refusal_rule      TEXT    NULL,
                refusal_article   TEXT    NULL,
                refusal_message   TEXT    NULL,
                refusal_fields    TEXT    NULL,
                receipt           BLOB    NULL,
                peer_sequence     INTEGER NULL,
                inbox_cursor      INTEGER NULL UNIQUE,
                delivered_at      INTEGER NULL,
                last_delivered_at INTEGER NULL,
                delivery_count    INTEGER NOT NULL DEFAULT 0,
                acknowledged_at   INTEGER NULL
            );
            CREATE INDEX ix_messages_in_reply_to ON messages (in_reply_to) WHERE in_reply_to IS NOT NULL;
            CREATE INDEX ix_messages_stage ON messages (stage, seq);
            CREATE INDEX ix_messages_kind ON messages (kind, seq);
            CREATE INDEX ix_messages_unacked ON messages (inbox_cursor) WHERE inbox_cursor IS NOT NULL AND acknowledged_at IS NULL;

            CREATE TABLE outbox (
                seq          INTEGER PRIMARY KEY AUTOINCREMENT,
                entry_type   INTEGER NOT NULL,
                message_id   TEXT    NOT NULL,
                status_stage INTEGER NULL,
                at           INTEGER NOT NULL,
                by_body      TEXT    NULL
            );

            CREATE TABLE history (
                seq             INTEGER PRIMARY KEY AUTOINCREMENT,
                message_id      TEXT    NOT NULL,
                stage           INTEGER NOT NULL,
                at              INTEGER NOT NULL,
                detail          TEXT    NULL,
                refusal_rule    TEXT    NULL,
                refusal_article TEXT    NULL,
                refusal_message TEXT    NULL
            );
            CREATE INDEX ix_history_message ON history (message_id, seq);

            CREATE TABLE counters (
                name  TEXT    PRIMARY KEY,
                value INTEGER NOT NULL
            );
            INSERT INTO counters (name, value) VALUES ('inbox_cursor', 0), ('peer_notice_sequence', 0);
            """),
        (2, """
            CREATE INDEX ix_messages_sender_body ON messages (sender_body, seq);
            CREATE INDEX ix_messages_receiver_body ON messages (receiver_body, seq);
            """),
        (8, """
            -- Operators record that an obligation was settled outside the gateway; it closes only when a second, different
            -- operator approves (four eyes). At most one proposal per obligation waits for approval.
            CREATE TABLE settlements (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                obligation_id INTEGER NOT NULL,
                note          TEXT    NOT NULL,
                proposed_by   TEXT    NOT NULL,
                proposed_at   INTEGER NOT NULL,
                approved_by   TEXT    NULL,
                approved_at   INTEGER NULL
            );
            CREATE UNIQUE INDEX ux_settlements_waiting ON settlements (obligation_id) WHERE approved_at IS NULL;
            """),
        (3, """
            CREATE TABLE message_keys (
                key        TEXT    NOT NULL,
                message_id TEXT    NOT NULL
            );
            CREATE INDEX ix_message_keys ON message_keys (key);

            ALTER TABLE messages ADD COLUMN flags TEXT NULL;
            ALTER TABLE history ADD COLUMN event_kind INTEGER NOT NULL DEFAULT 1;

            CREATE TABLE obligations (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                message_id   TEXT    NOT NULL,
                kind         TEXT    NOT NULL,
                rule_id      TEXT    NOT NULL,
                article      TEXT    NOT NULL,
                description  TEXT    NOT NULL,
                policy       INTEGER NOT NULL,
                debtor_party INTEGER NOT NULL,
                debtor_body  TEXT    NOT NULL,
                due_at       INTEGER NOT NULL,
                closing_kind TEXT    NOT NULL,
                closed_by    TEXT    NULL,
                closed_at    INTEGER NULL,
                overdue_at   INTEGER NULL
            );
            CREATE INDEX ix_obligations_open ON obligations (due_at) WHERE closed_at IS NULL;
            CREATE INDEX ix_obligations_message ON obligations (message_id);
            """),
        (4, """
            CREATE TABLE audit (
                seq        INTEGER PRIMARY KEY,
                at         INTEGER NOT NULL,
                kind       TEXT    NOT NULL,
                message_id TEXT    NOT NULL,
                actor      TEXT    NOT NULL,
                detail     TEXT    NOT NULL,
                prev_hash  BLOB    NOT NULL,
                hash       BLOB    NOT NULL
            );
            CREATE INDEX ix_audit_message ON audit (message_id);

            CREATE TABLE audit_checkpoints (
                seq       INTEGER PRIMARY KEY AUTOINCREMENT,
                head_seq  INTEGER NOT NULL,
                head_hash BLOB    NOT NULL,
                at        INTEGER NOT NULL,
                signature BLOB    NOT NULL
            );
            """),
        (5, """
            ALTER TABLE messages ADD COLUMN notice_signature BLOB NULL;
            ALTER TABLE messages ADD COLUMN sender_accepted_at INTEGER NULL;
            """),
        (6, """
            -- A message id is the sender's: unique per (sender_party, sender_body), not per node. Every table that refers to a
            -- message holds its key ("KZ/kz-ab-1/x-1"); rows stored before keep their bare id as key (ids never contain '/'),
            -- so history, outbox, obligations and the hash-chained audit trail need no rewriting. reply_key is the key of the
            -- request a reply answers, resolved when the reply was admitted.
            CREATE TABLE messages_v6 (
                seq                INTEGER PRIMARY KEY AUTOINCREMENT,
                key                TEXT    NOT NULL UNIQUE,
                id                 TEXT    NOT NULL,
                direction          INTEGER NOT NULL,
                kind               TEXT    NOT NULL,
                sender_party       INTEGER NOT NULL,
                sender_body        TEXT    NOT NULL,
                receiver_party     INTEGER NOT NULL,
                receiver_body      TEXT    NOT NULL,
                level              INTEGER NOT NULL,
                in_reply_to        TEXT    NULL,
                reply_key          TEXT    NULL,
                correlation_id     TEXT    NULL,
                created_at         INTEGER NOT NULL,
                accepted_at        INTEGER NOT NULL,
                stage              INTEGER NOT NULL,
                stage_at           INTEGER NOT NULL,
                digest             BLOB    NOT NULL,
                envelope           BLOB    NOT NULL,
                refusal_rule       TEXT    NULL,
                refusal_article    TEXT    NULL,
                refusal_message    TEXT    NULL,
                refusal_fields     TEXT    NULL,
                receipt            BLOB    NULL,
                peer_sequence      INTEGER NULL,
                inbox_cursor       INTEGER NULL UNIQUE,
                delivered_at       INTEGER NULL,
                last_delivered_at  INTEGER NULL,
                delivery_count     INTEGER NOT NULL DEFAULT 0,
                acknowledged_at    INTEGER NULL,
                flags              TEXT    NULL,
                notice_signature   BLOB    NULL,
                sender_accepted_at INTEGER NULL
            );
            INSERT INTO messages_v6 (key, reply_key, seq, id, direction, kind, sender_party, sender_body, receiver_party, receiver_body, level, in_reply_to, correlation_id,
                created_at, accepted_at, stage, stage_at, digest, envelope, refusal_rule, refusal_article, refusal_message, refusal_fields,
                receipt, peer_sequence, inbox_cursor, delivered_at, last_delivered_at, delivery_count, acknowledged_at, flags,
                notice_signature, sender_accepted_at)
            SELECT id, in_reply_to, seq, id, direction, kind, sender_party, sender_body, receiver_party, receiver_body, level, in_reply_to, correlation_id,
                created_at, accepted_at, stage, stage_at, digest, envelope, refusal_rule, refusal_article, refusal_message, refusal_fields,
                receipt, peer_sequence, inbox_cursor, delivered_at, last_delivered_at, delivery_count, acknowledged_at, flags,
                notice_signature, sender_accepted_at FROM messages;
            DROP TABLE messages;
            ALTER TABLE messages_v6 RENAME TO messages;
            CREATE INDEX ix_messages_id ON messages (id);
            CREATE INDEX ix_messages_reply_key ON messages (reply_key) WHERE reply_key IS NOT NULL;
            CREATE INDEX ix_messages_stage ON messages (stage, seq);
            CREATE INDEX ix_messages_kind ON messages (kind, seq);
            CREATE INDEX ix_messages_unacked ON messages (inbox_cursor) WHERE inbox_cursor IS NOT NULL AND acknowledged_at IS NULL;
            CREATE INDEX ix_messages_sender_body ON messages (sender_body, seq);
            CREATE INDEX ix_messages_receiver_body ON messages (receiver_body, seq);
            """),
        (12, """
            -- The console: search by correlation id, date filters and traffic per hour read by index, not by scanning every row.
            CREATE INDEX ix_messages_correlation ON messages (correlation_id) WHERE correlation_id IS NOT NULL;
            CREATE INDEX ix_messages_accepted_at ON messages (accepted_at);
            """),
        (14, """
            -- Batch signatures on the relay stream: an inbound notice signed in its batch keeps the proof (a serialized
            -- BatchProof: place, batch size, audit path, the root's signature) beside its empty notice_signature.
            ALTER TABLE messages ADD COLUMN notice_proof BLOB NULL;
            """),
        (16, """
            -- Evidence of the other node's DELIVERED and ACKNOWLEDGED reports on an outbound notice: each the serialized
            -- StatusReport as recorded, with its signature or (batch-signed on the relay stream) its BatchProof.
            ALTER TABLE messages ADD COLUMN delivered_report BLOB NULL;
            ALTER TABLE messages ADD COLUMN acknowledged_report BLOB NULL;
            """),
        (15, """
            -- Counts the console, the metrics and the Operator API read at any size of store, kept by the database itself so
            -- that no write path can make them drift: messages per (direction, stage), and the outbox's entries (a row in
            -- counters). Filled from the rows already stored. Triggers fire only when a stage or direction really changes.
            CREATE TABLE stage_counts (
                direction INTEGER NOT NULL,
                stage     INTEGER NOT NULL,
                count     INTEGER NOT NULL,
                PRIMARY KEY (direction, stage)
            ) WITHOUT ROWID;
            INSERT INTO stage_counts (direction, stage, count) SELECT direction, stage, COUNT(*) FROM messages GROUP BY direction, stage;
            CREATE TRIGGER tr_messages_counted_insert AFTER INSERT ON messages BEGIN
                INSERT INTO stage_counts (direction, stage, count) VALUES (NEW.direction, NEW.stage, 1)
                    ON CONFLICT (direction, stage) DO UPDATE SET count = count + 1;
            END;
            CREATE TRIGGER tr_messages_counted_update AFTER UPDATE OF stage, direction ON messages
                WHEN OLD.stage <> NEW.stage OR OLD.direction <> NEW.direction BEGIN
                UPDATE stage_counts SET count = count - 1 WHERE direction = OLD.direction AND stage = OLD.stage;
                INSERT INTO stage_counts (direction, stage, count) VALUES (NEW.direction, NEW.stage, 1)
                    ON CONFLICT (direction, stage) DO UPDATE SET count = count + 1;
            END;
            CREATE TRIGGER tr_messages_counted_delete AFTER DELETE ON messages BEGIN
                UPDATE stage_counts SET count = count - 1 WHERE direction = OLD.direction AND stage = OLD.stage;
            END;

            INSERT INTO counters (name, value) SELECT 'outbox_entries', COUNT(*) FROM outbox;
            CREATE TRIGGER tr_outbox_counted_insert AFTER INSERT ON outbox BEGIN
                UPDATE counters SET value = value + 1 WHERE name = 'outbox_entries';
            END;
            CREATE TRIGGER tr_outbox_counted_delete AFTER DELETE ON outbox BEGIN
                UPDATE counters SET value = value - 1 WHERE name = 'outbox_entries';
            END;

            -- The link backlog's oldest entries by one index seek each: only our notices still waiting at a stage (direction 1 =
            -- outbound; stage 1 ACCEPTED, 2 RELAYED, 3 DELIVERED) are in these, so they stay as small as the backlog. The
            -- constant stage leads each index so that SQLite's planner, which keeps no statistics here, takes the seek over
            -- ix_messages_stage plus a sort.
            CREATE INDEX ix_messages_waiting_accepted ON messages (stage, accepted_at) WHERE direction = 1 AND stage = 1;
            CREATE INDEX ix_messages_waiting_relayed ON messages (stage, accepted_at) WHERE direction = 1 AND stage = 2;
            CREATE INDEX ix_messages_waiting_ack ON messages (stage, stage_at) WHERE direction = 1 AND stage = 3;
            """),
        (17, """
            -- The list's "overdue only": the open obligations past due, read from a partial index as small as the overdue
            -- set (a notice is written with none; MarkOverdue adds an entry, closing removes it), so the filter drives from
            -- that set instead of walking every open obligation. overdue_at leads so that SQLite's planner, which keeps no
            -- statistics here, seeks it rather than scanning ix_obligations_open.
            CREATE INDEX ix_obligations_overdue ON obligations (overdue_at, message_id) WHERE closed_at IS NULL AND overdue_at IS NOT NULL;
            """),
    ];
}
