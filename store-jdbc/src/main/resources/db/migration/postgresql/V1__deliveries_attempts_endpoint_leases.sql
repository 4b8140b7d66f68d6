-- Herald's outbox on PostgreSQL, shared by every node. States are PENDING, DELIVERED or DEAD.

CREATE TABLE deliveries (
    id              text        NOT NULL PRIMARY KEY,
    seq             bigint      GENERATED ALWAYS AS IDENTITY,
    event_id        text        NOT NULL,
    endpoint        text        NOT NULL,
    event_json      text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts        integer     NOT NULL,
    next_attempt_at timestamptz,
    accepted_at     timestamptz NOT NULL,
    finished_at     timestamptz,
    lease_owner     text,
    lease_until     timestamptz,
    last_error      text
);

-- leaseDue: pending rows by due time.
CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
-- list: newest first.
CREATE INDEX deliveries_accepted ON deliveries (accepted_at);

CREATE TABLE attempts (
    seq             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id     text        NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    attempt         integer     NOT NULL,
    started_at      timestamptz NOT NULL,
    latency_ms      bigint,
    status_code     integer     NOT NULL,
    error           text,
    outcome         text,
    response_body   text,
    next_attempt_at timestamptz
);

CREATE INDEX attempts_delivery ON attempts (delivery_id, attempt);

CREATE TABLE endpoint_leases (
    endpoint    text        NOT NULL PRIMARY KEY,
    owner       text        NOT NULL,
    lease_until timestamptz NOT NULL
);
