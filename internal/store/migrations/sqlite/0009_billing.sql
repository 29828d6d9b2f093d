-- +goose Up
-- Billing: fees, sliding scale, packages, invoices, credit notes, payments.
-- Money is integer minor units (cents) with a currency code; a practice
-- bills in one currency. Issued invoices are never edited: corrections are
-- credit notes. Invoice and credit-note numbers come from a per-practice
-- counter row updated in the invoice's own transaction, so they have no gaps.
CREATE TABLE billing_settings (
    practice_id         INTEGER PRIMARY KEY REFERENCES practices(id),
    currency            TEXT NOT NULL DEFAULT 'USD',
    legal_name          TEXT NOT NULL DEFAULT '',
    address             TEXT NOT NULL DEFAULT '',
    tax_id              TEXT NOT NULL DEFAULT '',
    payment_terms_days  INTEGER NOT NULL DEFAULT 14 CHECK (payment_terms_days BETWEEN 0 AND 365),
    invoicing           TEXT NOT NULL DEFAULT 'session' CHECK (invoicing IN ('session', 'period')),
    late_cancel_bp      INTEGER NOT NULL DEFAULT 5000 CHECK (late_cancel_bp BETWEEN 0 AND 10000),
    no_show_bp          INTEGER NOT NULL DEFAULT 10000 CHECK (no_show_bp BETWEEN 0 AND 10000),
    circle_fee          INTEGER NOT NULL DEFAULT 0 CHECK (circle_fee >= 0),
    stripe_secret_key   TEXT NOT NULL DEFAULT '',
    updated_at          TIMESTAMP NOT NULL
);

CREATE TABLE billing_counters (
    practice_id  INTEGER NOT NULL REFERENCES practices(id),
    kind         TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    next_number  INTEGER NOT NULL CHECK (next_number >= 1),
    PRIMARY KEY (practice_id, kind)
);

CREATE TABLE fee_schedules (
    id              INTEGER PRIMARY KEY,
    practice_id     INTEGER NOT NULL REFERENCES practices(id),
    coach_id        INTEGER NOT NULL REFERENCES users(id),
    length_minutes  INTEGER NOT NULL CHECK (length_minutes BETWEEN 15 AND 240),
    amount          INTEGER NOT NULL CHECK (amount >= 0),
    currency        TEXT NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (coach_id, length_minutes)
);

CREATE TABLE sliding_tiers (
    id           INTEGER PRIMARY KEY,
    practice_id  INTEGER NOT NULL REFERENCES practices(id),
    name         TEXT NOT NULL,
    discount_bp  INTEGER NOT NULL CHECK (discount_bp BETWEEN 1 AND 10000),
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (practice_id, name)
);

CREATE TABLE client_tiers (
    client_id    INTEGER PRIMARY KEY REFERENCES clients(user_id),
    tier_id      INTEGER NOT NULL REFERENCES sliding_tiers(id),
    review_on    TIMESTAMP NOT NULL,
    assigned_at  TIMESTAMP NOT NULL
);

CREATE TABLE client_packages (
    id              INTEGER PRIMARY KEY,
    practice_id     INTEGER NOT NULL REFERENCES practices(id),
    client_id       INTEGER NOT NULL REFERENCES clients(user_id),
    name            TEXT NOT NULL,
    sessions_total  INTEGER NOT NULL CHECK (sessions_total BETWEEN 1 AND 100),
    sessions_used   INTEGER NOT NULL DEFAULT 0,
    price           INTEGER NOT NULL CHECK (price >= 0),
    currency        TEXT NOT NULL,
    purchased_at    TIMESTAMP NOT NULL,
    expires_at      TIMESTAMP NOT NULL,
    CHECK (sessions_used BETWEEN 0 AND sessions_total),
    CHECK (expires_at > purchased_at)
);
CREATE INDEX client_packages_client ON client_packages (client_id);

CREATE TABLE invoices (
    id                  INTEGER PRIMARY KEY,
    practice_id         INTEGER NOT NULL REFERENCES practices(id),
    kind                TEXT NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    number              INTEGER NOT NULL CHECK (number >= 1),
    client_id           INTEGER NOT NULL REFERENCES clients(user_id),
    coach_id            INTEGER REFERENCES users(id),
    credits_invoice_id  INTEGER REFERENCES invoices(id),
    reason              TEXT NOT NULL DEFAULT '',
    currency            TEXT NOT NULL,
    total               INTEGER NOT NULL CHECK (total >= 0),
    issued_at           TIMESTAMP NOT NULL,
    due_at              TIMESTAMP NOT NULL,
    practice_name       TEXT NOT NULL,
    practice_address    TEXT NOT NULL,
    practice_tax_id     TEXT NOT NULL,
    client_name         TEXT NOT NULL,
    UNIQUE (practice_id, kind, number),
    CHECK ((kind = 'credit_note') = (credits_invoice_id IS NOT NULL))
);
CREATE INDEX invoices_client ON invoices (client_id);
CREATE INDEX invoices_credits ON invoices (credits_invoice_id);

CREATE TABLE billing_lines (
    id            INTEGER PRIMARY KEY,
    practice_id   INTEGER NOT NULL REFERENCES practices(id),
    client_id     INTEGER NOT NULL REFERENCES clients(user_id),
    coach_id      INTEGER REFERENCES users(id),
    source_kind   TEXT NOT NULL CHECK (source_kind IN ('session', 'circle', 'package', 'fee', 'credit')),
    source_id     INTEGER,
    description   TEXT NOT NULL,
    occurred_at   TIMESTAMP NOT NULL,
    list_amount   INTEGER NOT NULL CHECK (list_amount >= 0),
    amount        INTEGER NOT NULL CHECK (amount >= 0),
    currency      TEXT NOT NULL,
    tier_id       INTEGER REFERENCES sliding_tiers(id),
    package_id    INTEGER REFERENCES client_packages(id),
    invoice_id    INTEGER REFERENCES invoices(id),
    waived_at     TIMESTAMP,
    waive_reason  TEXT NOT NULL DEFAULT '',
    created_at    TIMESTAMP NOT NULL,
    CHECK (amount <= list_amount)
);
CREATE INDEX billing_lines_invoice ON billing_lines (invoice_id);
CREATE INDEX billing_lines_unbilled ON billing_lines (practice_id, occurred_at) WHERE invoice_id IS NULL;
-- A scheduled session, fee or circle seat is billed at most once per client.
CREATE UNIQUE INDEX billing_lines_source_once ON billing_lines (source_kind, source_id, client_id) WHERE source_id IS NOT NULL AND source_kind IN ('session', 'fee', 'circle');

CREATE TABLE payments (
    id           INTEGER PRIMARY KEY,
    practice_id  INTEGER NOT NULL REFERENCES practices(id),
    invoice_id   INTEGER NOT NULL REFERENCES invoices(id),
    client_id    INTEGER NOT NULL REFERENCES clients(user_id),
    kind         TEXT NOT NULL CHECK (kind IN ('payment', 'refund')),
    method       TEXT NOT NULL CHECK (method IN ('card_terminal', 'card_online', 'transfer', 'cash', 'package_credit')),
    amount       INTEGER NOT NULL CHECK (amount > 0),
    currency     TEXT NOT NULL,
    received_at  TIMESTAMP NOT NULL,
    reference    TEXT NOT NULL DEFAULT '',
    refund_of    INTEGER REFERENCES payments(id),
    package_id   INTEGER REFERENCES client_packages(id),
    recorded_by  INTEGER REFERENCES users(id),
    created_at   TIMESTAMP NOT NULL,
    CHECK ((kind = 'refund') = (refund_of IS NOT NULL)),
    CHECK ((method = 'package_credit') = (package_id IS NOT NULL))
);
CREATE INDEX payments_invoice ON payments (invoice_id);
CREATE INDEX payments_client ON payments (client_id);
-- An online card payment (a Stripe Checkout session) is recorded once.
CREATE UNIQUE INDEX payments_online_once ON payments (reference) WHERE method = 'card_online' AND kind = 'payment';

-- +goose Down
DROP TABLE payments;
DROP TABLE billing_lines;
DROP TABLE invoices;
DROP TABLE client_packages;
DROP TABLE client_tiers;
DROP TABLE sliding_tiers;
DROP TABLE fee_schedules;
DROP TABLE billing_counters;
DROP TABLE billing_settings;
