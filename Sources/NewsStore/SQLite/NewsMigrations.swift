import GRDB

/// The schema, as named migrations. Append only: a released migration is never edited; a change is a new one.
enum NewsMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: articles, instruments, events, revisions, full text") { db in
            try db.create(table: "article") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("externalID", .text)
                t.column("source", .text)
                t.column("url", .text)
                t.column("guid", .text)
                t.column("contentHash", .text).notNull().indexed()
                t.column("title", .text).notNull()
                t.column("body", .text).notNull()
                t.column("published", .double)
                t.column("updated", .double)
                t.column("received", .double).notNull()
                t.column("time", .double).notNull().indexed()
                t.column("revision", .integer).notNull()
                t.column("removedAt", .double)
                t.column("sentiment", .double).notNull()
                t.column("story", .text).indexed()
                t.column("novelty", .integer)
                t.column("analysis", .text).notNull()
            }
            try db.create(index: "article_on_source_guid", on: "article", columns: ["source", "guid"], condition: Column("guid") != nil)
            try db.create(index: "article_on_source_url", on: "article", columns: ["source", "url"], condition: Column("url") != nil)
            try db.create(index: "article_on_removed", on: "article", columns: ["removedAt"], condition: Column("removedAt") != nil)
            try db.create(virtualTable: "article_fts", using: FTS5()) { t in
                t.synchronize(withTable: "article")
                t.tokenizer = .porter(wrapping: .unicode61())
                t.column("title")
                t.column("body")
            }
            try db.create(table: "article_instrument") { t in
                t.column("seq", .integer).notNull().references("article", onDelete: .cascade)
                t.column("symbol", .text).notNull()
                t.column("exchange", .text).notNull()
                t.column("relevance", .integer).notNull()
                t.column("isPrimary", .boolean).notNull()
                t.column("sentiment", .double)
                t.column("time", .double).notNull()
            }
            try db.create(index: "article_instrument_on_symbol_seq", on: "article_instrument", columns: ["symbol", "seq"])
            try db.create(index: "article_instrument_on_symbol_time", on: "article_instrument", columns: ["symbol", "time"])
            try db.create(index: "article_instrument_on_seq", on: "article_instrument", columns: ["seq"])
            try db.create(table: "article_event") { t in
                t.column("seq", .integer).notNull().references("article", onDelete: .cascade)
                t.column("type", .text).notNull()
                t.column("time", .double).notNull()
            }
            try db.create(index: "article_event_on_type_seq", on: "article_event", columns: ["type", "seq"])
            try db.create(index: "article_event_on_seq", on: "article_event", columns: ["seq"])
            try db.create(table: "article_revision") { t in
                t.column("seq", .integer).notNull().references("article", onDelete: .cascade)
                t.column("revision", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("at", .double).notNull()
                t.column("contentHash", .text).notNull()
                t.primaryKey(["seq", "revision"])
            }
            try db.create(index: "article_revision_on_kind_at", on: "article_revision", columns: ["kind", "at"])
        }
        migrator.registerMigration("v2: sources and their polling state") { db in
            try db.create(table: "source") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("kind", .text).notNull()
                t.column("location", .text).notNull().unique()
                t.column("config", .text).notNull()
                t.column("state", .text).notNull()
                t.column("nextPoll", .double).notNull()
                t.column("leaseUntil", .double)
            }
            try db.create(index: "source_on_kind_next_poll", on: "source", columns: ["kind", "nextPoll"])
        }
        migrator.registerMigration("v3: fewer indexes to maintain on every insert") { db in
            // Rows are deleted by (symbol, seq) and (type, seq), which the remaining indexes serve; only removals
            // are listed by time.
            try db.drop(index: "article_instrument_on_seq")
            try db.drop(index: "article_event_on_seq")
            try db.drop(index: "article_revision_on_kind_at")
            try db.create(index: "article_revision_removed_on_at", on: "article_revision", columns: ["at"], condition: Column("kind") == "removed")
        }
        migrator.registerMigration("v4: API keys") { db in
            try db.create(table: "api_key") { t in
                t.primaryKey("id", .text)
                t.column("name", .text).notNull()
                t.column("prefix", .text).notNull()
                t.column("hash", .text).notNull().unique()
                t.column("scope", .text).notNull()
                t.column("created", .double).notNull()
                t.column("revoked", .double)
            }
        }
        migrator.registerMigration("v5: watchlists, rules, webhooks, alerts and deliveries") { db in
            try db.create(table: "watchlist") { t in
                t.primaryKey("id", .text)
                t.column("keyID", .text).notNull()
                t.column("name", .text).notNull()
                t.column("tickers", .text).notNull()
                t.column("created", .double).notNull()
                t.uniqueKey(["keyID", "name"])
            }
            try db.create(table: "rule") { t in
                t.primaryKey("id", .text)
                t.column("keyID", .text).notNull().indexed()
                t.column("name", .text).notNull()
                t.column("query", .text).notNull()
                t.column("webhooks", .text).notNull()
                t.column("muted", .boolean).notNull()
                t.column("snoozedUntil", .double)
                t.column("created", .double).notNull()
            }
            try db.create(table: "webhook") { t in
                t.primaryKey("id", .text)
                t.column("keyID", .text).notNull().indexed()
                t.column("url", .text).notNull()
                t.column("secret", .text).notNull()
                t.column("enabled", .boolean).notNull()
                t.column("disabledReason", .text)
                t.column("created", .double).notNull()
            }
            // One alert per rule and story: the unique key is the per-story dedup.
            try db.create(table: "alert") { t in
                t.autoIncrementedPrimaryKey("seq")
                t.column("keyID", .text).notNull()
                t.column("ruleID", .text).notNull()
                t.column("ruleName", .text).notNull()
                t.column("articleSeq", .integer).notNull()
                t.column("story", .text).notNull()
                t.column("created", .double).notNull()
                t.uniqueKey(["story", "ruleID"])
            }
            try db.create(index: "alert_on_key_seq", on: "alert", columns: ["keyID", "seq"])
            try db.create(table: "delivery") { t in
                t.autoIncrementedPrimaryKey("cursor")
                t.column("id", .text).notNull().unique()
                t.column("webhookID", .text).notNull()
                t.column("keyID", .text).notNull()
                t.column("alertSeq", .integer).notNull()
                t.column("status", .text).notNull()
                t.column("attempts", .text).notNull()
                t.column("nextAttempt", .double)
                t.column("leaseUntil", .double)
                t.column("payload", .text)
                t.column("created", .double).notNull()
            }
            try db.create(index: "delivery_pending_on_next", on: "delivery", columns: ["nextAttempt"], condition: Column("status") == "pending")
            try db.create(index: "delivery_on_webhook_cursor", on: "delivery", columns: ["webhookID", "cursor"])
        }
        migrator.registerMigration("v6: the alert outbox, and alerts indexed by run of sequence numbers, then key") { db in
            // An article's alerts not bound for webhooks, in rows of a few hundred (a JSON array of [key, rule, rule
            // name]), until they are filed under their keys (`fanOutAlerts`).
            try db.create(table: "alert_outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("articleSeq", .integer).notNull()
                t.column("story", .text).notNull()
                t.column("created", .double).notNull()
                t.column("alerts", .text).notNull()
            }
            // Runs of 4,096 (`SQLiteNewsStore.alertRunBits`): each article's alerts land in a few index pages.
            try db.execute(sql: "DROP INDEX alert_on_key_seq")
            try db.execute(sql: "CREATE INDEX alert_by_run_key ON alert((seq >> 12), keyID, seq)")
        }
        migrator.registerMigration("v7: story prints") { db in
            // Apart from the article's row: a node starting reads the recent ones without paging through bodies.
            try db.create(table: "story_print") { t in
                t.column("seq", .integer).primaryKey()
                t.column("story", .text).notNull()
                t.column("print", .blob).notNull()
            }
        }
        return migrator
    }
}
