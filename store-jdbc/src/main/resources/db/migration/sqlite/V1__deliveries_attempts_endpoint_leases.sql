-- Herald's outbox on SQLite. Times are epoch milliseconds (UTC); states are PENDING, DELIVERED or DEAD.

CREATE TABLE deliveries (
    id              TEXT    NOT NULL PRIMARY KEY,
    event_id        TEXT    NOT NULL,
    endpoint        TEXT    NOT NULL,
    event_json      TEXT    NOT NULL,
    state           TEXT    NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        INTEGER NOT NULL,
    next_attempt_at INTEGER,
    accepted_at     INTEGER NOT NULL,
    finished_at     INTEGER,
    lease_owner     TEXT,
    lease_until     INTEGER,
    last_error      TEXT
);

-- leaseDue: pending rows by due time.
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
-- list: newest first.
CREATE INDEX deliveries_accepted ON deliveries (accepted_at);

CREATE TABLE attempts (
    delivery_id     TEXT    NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    attempt         INTEGER NOT NULL,
    started_at      INTEGER NOT NULL,
    latency_ms      INTEGER,
    status_code     INTEGER NOT NULL,
    error           TEXT,
    outcome         TEXT,
    response_body   TEXT,
    next_attempt_at INTEGER
);

CREATE INDEX attempts_delivery ON attempts (delivery_id, attempt);

CREATE TABLE endpoint_leases (
    endpoint    TEXT    NOT NULL PRIMARY KEY,
    owner       TEXT    NOT NULL,
    lease_until INTEGER NOT NULL
);
