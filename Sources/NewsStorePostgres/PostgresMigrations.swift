/// The PostgreSQL schema, as numbered migrations. Append only: a released migration is never edited; a change is a
/// new one. `PostgresNewsStore` applies the missing ones at open, under an advisory lock, so nodes starting together
/// migrate once.
enum PostgresMigrations {
    static let all: [(name: String, sql: String)] = [
        (
            "v1: articles by month, instruments, events, revisions, full text",
            """
            CREATE SEQUENCE article_seq;
            -- Partitioned by the month an article arrived (it never changes, so rows never move); partitions are made
            -- as months come (PostgresNewsStore.ensurePartitions).
            CREATE TABLE article (
                seq bigint NOT NULL,
                external_id text,
                source text,
                url text,
                guid text,
                content_hash text NOT NULL,
                title text NOT NULL,
                body text NOT NULL,
                published timestamptz,
                updated timestamptz,
                received timestamptz NOT NULL,
                time timestamptz NOT NULL,
                revision integer NOT NULL,
                removed_at timestamptz,
                sentiment double precision NOT NULL,
                story text,
                novelty integer,
                analysis text NOT NULL,
                -- The words, title words weighing more than body words in ranking (PostgresIngest computes it before
                -- taking the write lock: stemming is most of an insert's work).
                tsv tsvector NOT NULL,
                PRIMARY KEY (seq, received)
            ) PARTITION BY RANGE (received);
            CREATE INDEX article_on_content_hash ON article (content_hash);
            CREATE INDEX article_on_source_guid ON article (coalesce(source, ''), guid) WHERE guid IS NOT NULL;
            CREATE INDEX article_on_source_url ON article (coalesce(source, ''), url) WHERE url IS NOT NULL;
            CREATE INDEX article_on_time ON article (time);
            CREATE INDEX article_on_story ON article (story) WHERE story IS NOT NULL;
            CREATE INDEX article_on_changed ON article (coalesce(updated, received));
            CREATE INDEX article_on_text ON article USING gin (tsv);
            CREATE TABLE article_instrument (
                seq bigint NOT NULL,
                symbol text NOT NULL,
                exchange text NOT NULL,
                relevance integer NOT NULL,
                is_primary boolean NOT NULL,
                sentiment double precision,
                time timestamptz NOT NULL
            );
            CREATE INDEX article_instrument_on_symbol_seq ON article_instrument (symbol, seq);
            CREATE INDEX article_instrument_on_symbol_time ON article_instrument (symbol, time);
            CREATE TABLE article_event (seq bigint NOT NULL, type text NOT NULL, time timestamptz NOT NULL);
            CREATE INDEX article_event_on_type_seq ON article_event (type, seq);
            CREATE TABLE article_revision (
                seq bigint NOT NULL,
                revision integer NOT NULL,
                kind text NOT NULL,
                at timestamptz NOT NULL,
                content_hash text NOT NULL,
                PRIMARY KEY (seq, revision)
            );
            CREATE INDEX article_revision_removed_on_at ON article_revision (at) WHERE kind = 'removed';
            """
        ),
        (
            "v2: sources, API keys, watchlists, rules, webhooks, alerts, the outbox and deliveries",
            """
            CREATE TABLE source (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                kind text NOT NULL,
                location text NOT NULL UNIQUE,
                config text NOT NULL,
                state text NOT NULL,
                next_poll timestamptz NOT NULL,
                lease_until timestamptz
            );
            CREATE INDEX source_on_kind_next_poll ON source (kind, next_poll);
            CREATE TABLE api_key (
                id text PRIMARY KEY,
                name text NOT NULL,
                prefix text NOT NULL,
                hash text NOT NULL UNIQUE,
                scope text NOT NULL,
                created timestamptz NOT NULL,
                revoked timestamptz
            );
            CREATE TABLE watchlist (
                id text PRIMARY KEY,
                key_id text NOT NULL,
                name text NOT NULL,
                tickers text NOT NULL,
                created timestamptz NOT NULL,
                UNIQUE (key_id, name)
            );
            CREATE TABLE rule (
                id text PRIMARY KEY,
                key_id text NOT NULL,
                name text NOT NULL,
                query text NOT NULL,
                webhooks text NOT NULL,
                muted boolean NOT NULL,
                snoozed_until timestamptz,
                created timestamptz NOT NULL
            );
            CREATE INDEX rule_on_key ON rule (key_id);
            CREATE TABLE webhook (
                id text PRIMARY KEY,
                key_id text NOT NULL,
                url text NOT NULL,
                secret text NOT NULL,
                enabled boolean NOT NULL,
                disabled_reason text,
                created timestamptz NOT NULL
            );
            CREATE INDEX webhook_on_key ON webhook (key_id);
            -- One alert per rule and story: the unique key is the per-story dedup.
            CREATE TABLE alert (
                seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                key_id text NOT NULL,
                rule_id text NOT NULL,
                rule_name text NOT NULL,
                article_seq bigint NOT NULL,
                story text NOT NULL,
                created timestamptz NOT NULL,
                UNIQUE (story, rule_id)
            );
            CREATE INDEX alert_on_key_seq ON alert (key_id, seq);
            -- An article's alerts not bound for webhooks, a few hundred to a row (a JSON array of [key, rule, rule
            -- name]), until fanOutAlerts files them under their keys.
            CREATE TABLE alert_outbox (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                article_seq bigint NOT NULL,
                story text NOT NULL,
                created timestamptz NOT NULL,
                alerts text NOT NULL
            );
            CREATE TABLE delivery (
                cursor bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id text NOT NULL UNIQUE,
                webhook_id text NOT NULL,
                key_id text NOT NULL,
                alert_seq bigint NOT NULL,
                status text NOT NULL,
                attempts text NOT NULL,
                next_attempt timestamptz,
                lease_until timestamptz,
                payload text,
                created timestamptz NOT NULL
            );
            CREATE INDEX delivery_pending_on_next ON delivery (next_attempt) WHERE status = 'pending';
            CREATE INDEX delivery_on_webhook_cursor ON delivery (webhook_id, cursor);
            """
        ),
        (
            "v3: story prints",
            """
            -- What each node's story index kept of an article: other nodes, and this one after a restart, take it in.
            CREATE TABLE story_print (seq bigint PRIMARY KEY, story text NOT NULL, print bytea NOT NULL);
            """
        ),
        (
            "v4: words split at everything but letters and digits",
            """
            -- Nodes now stem the words themselves (TextVectors) from text split as a search is (SearchText); articles
            -- stored before are indexed again the same way, by PostgreSQL, so "3.5" or "apple.com" still finds them.
            UPDATE article SET tsv = setweight(to_tsvector('english', regexp_replace(title, '[^[:alnum:]]+', ' ', 'g')), 'A')
                || setweight(to_tsvector('english', regexp_replace(body, '[^[:alnum:]]+', ' ', 'g')), 'B');
            """
        ),
    ]
}
