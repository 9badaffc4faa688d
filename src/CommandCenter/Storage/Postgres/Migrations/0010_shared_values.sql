-- Secrets the center generates itself (the token signing key, partner keys): one row per name, under the service id.
-- The first node to insert a name wins; every node reads the stored value (PostgresSharedValues).
CREATE TABLE cc_shared_values (
    key text PRIMARY KEY,
    value text NOT NULL
);
